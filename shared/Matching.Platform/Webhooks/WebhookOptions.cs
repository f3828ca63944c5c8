namespace Matching.Platform.Webhooks;

/// <summary>Configuration section <c>Matching:Webhooks</c>.</summary>
public sealed class WebhookOptions
{
    /// <summary>False stops sending (deliveries stay queued); used to inject "committed but not sent" faults.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Which endpoints may be plain http: none, loopback addresses only (the default), or any.</summary>
    public WebhookHttp AllowHttp { get; set; } = WebhookHttp.Loopback;

    /// <summary>Deliveries sent at once by one dispatcher; at most one per subscriber and ordering key.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often an idle dispatcher looks for deliveries that are due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a leased delivery belongs to one replica: longer than <see cref="RequestTimeout"/>, so a live replica keeps it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one POST may take, connection and response included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Wait after the first failed attempt; doubles with each further one.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is marked failed (it stays visible in the log and can be replayed).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long a rotated-out secret keeps signing when the rotation names no overlap end.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromDays(7);

    internal void Validate()
    {
        if (BatchSize < 1 || MaxAttempts < 1)
            throw new InvalidOperationException("Matching:Webhooks: BatchSize and MaxAttempts must be at least 1.");
        if (Lease <= RequestTimeout)
            throw new InvalidOperationException("Matching:Webhooks: Lease must be longer than RequestTimeout, or a slow receiver is sent a delivery twice at once.");
        if (RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
            throw new InvalidOperationException("Matching:Webhooks: RetryDelay must be positive and MaxRetryDelay at least RetryDelay.");
    }
}

/// <summary>Plain-http endpoints a subscription may name.</summary>
public enum WebhookHttp
{
    Never,
    Loopback,
    Always,
}
