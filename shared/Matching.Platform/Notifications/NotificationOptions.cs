namespace Matching.Platform.Notifications;

/// <summary>Configuration section <c>Matching:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    /// <summary>How many queued notifications one dispatcher leases at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often an idle dispatcher looks for queued notifications (they wait at most this long after commit).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a leased notification belongs to one replica. Renewed just before each send, so it must be longer than
    /// <see cref="SendTimeout"/>; a replica that dies holds its notifications at most this long.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one send may take before it counts as a failed attempt.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait before a failed notification is tried again; doubles with each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a notification that keeps failing is marked <see cref="NotificationStatus.Failed"/>.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Readiness reports Degraded while a notification has waited longer than this, or one failed within it.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromHours(1);
}
