namespace Matching.Platform.Notifications;

/// <summary>
/// Delivers notifications of one channel (<see cref="Notification.Channel"/>). Registered in the service collection; the
/// dispatcher sends only through registered channels, so a notification of a channel that is not configured stays queued.
/// </summary>
public interface INotificationChannel
{
    string Name { get; }

    /// <summary>
    /// Returns once the notification is accepted by the next hop. Throws <see cref="NotificationRejectedException"/> when
    /// retrying cannot help; any other exception is retried later.
    /// </summary>
    Task SendAsync(QueuedNotification notification, CancellationToken ct);
}

/// <summary>The channel refused a notification for good (an SMTP 5xx reply): it is marked failed without further attempts.</summary>
public sealed class NotificationRejectedException : Exception
{
    public NotificationRejectedException()
    {
    }

    public NotificationRejectedException(string message)
        : base(message)
    {
    }

    public NotificationRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
