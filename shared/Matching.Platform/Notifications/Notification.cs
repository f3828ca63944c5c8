namespace Matching.Platform.Notifications;

/// <summary>
/// 通知 — a message to one person about a change, queued in the change's own transaction (<see cref="NotificationQueue"/>).
/// </summary>
/// <param name="Program">The program (tenant) the change belongs to.</param>
/// <param name="Channel">The <see cref="INotificationChannel.Name"/> that delivers it, e.g. <c>email</c>.</param>
/// <param name="Recipient">The address in the channel's terms (an e-mail address for <c>email</c>).</param>
/// <param name="Subject">One line, in the recipient's language (Japanese by default).</param>
/// <param name="Body">Plain text.</param>
/// <param name="Link">Where the recipient acts on it; appended to the body.</param>
/// <param name="DedupKey">Names the occasion (e.g. <c>referral-sent:{id}:{recipient}</c>): one notification per key and program.</param>
public sealed record Notification(string Program, string Channel, string Recipient, string Subject, string Body, Uri? Link, string DedupKey);

/// <summary>Where a queued notification stands; stored as its name.</summary>
public enum NotificationStatus
{
    Queued,
    Sent,
    /// <summary>Refused for good by the channel, or not delivered in <see cref="NotificationOptions.MaxAttempts"/>: an operator looks at it.</summary>
    Failed,
}

/// <summary>A notification as the dispatcher hands it to a channel.</summary>
public sealed record QueuedNotification
{
    public required long Id { get; init; }

    /// <summary>Stable across resends: a channel derives its message id from it (e-mail's Message-ID).</summary>
    public required Guid NotificationId { get; init; }

    public required string Program { get; init; }

    public required string Channel { get; init; }

    public required string Recipient { get; init; }

    public required string Subject { get; init; }

    public required string Body { get; init; }

    public string? Link { get; init; }

    /// <summary>Earlier attempts to send it.</summary>
    public required int Attempts { get; init; }
}
