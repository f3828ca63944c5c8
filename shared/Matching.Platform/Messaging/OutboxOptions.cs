namespace Matching.Platform.Messaging;

/// <summary>Configuration section <c>Matching:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>False stops publishing (events stay in the outbox); used to inject "committed but not published" faults.</summary>
    public bool Enabled { get; set; } = true;

    public int BatchSize { get; set; } = 200;

    /// <summary>How often an idle dispatcher looks for events another replica committed or a failed publish left.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a leased batch belongs to one replica; a replica that dies holds it at most this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one publish may wait for the broker's confirmation before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// In-memory transport only: how long the relay waits for every consumer of a published batch to commit it
    /// before it offers the messages again (shorter than <see cref="Lease"/>).
    /// </summary>
    public TimeSpan SettleTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Wait before a failed message is offered again; doubles with each further failure.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between two attempts to publish a message that keeps failing.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Readiness reports Degraded when an event has waited longer than this to be published.</summary>
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromMinutes(5);
}
