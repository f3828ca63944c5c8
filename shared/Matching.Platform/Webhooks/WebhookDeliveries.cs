using System.Text.Json;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Platform.Webhooks;

/// <summary>Where a delivery stands. Stored as its name.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Queued or waiting for a retry.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; kept for the log and for a replay.</summary>
    Failed,
}

/// <summary>One line of a subscriber's delivery log.</summary>
public sealed record WebhookDeliveryEntry(
    string DeliveryId, string EventType, string OrderingKey, WebhookDeliveryStatus Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? FinishedAt);

/// <summary>
/// Webhook deliveries: queued in the transaction of the change that causes them (like the outbox), sent by the
/// <see cref="WebhookDispatcher"/>, listed in the subscriber's log and replayed on request with the same delivery id.
/// </summary>
public static class WebhookDeliveries
{
    internal const string InsertSql = """
        INSERT INTO webhook_deliveries (delivery_id, subscription_id, event_type, ordering_key, payload, status, attempts, created_at, due_at)
        VALUES (@deliveryId, @subscriptionId, @eventType, @orderingKey, @payload, 'Pending', 0, @now, @dueAt)
        """;

    internal const string SubscriptionIdSql = """
        SELECT subscription_id
          FROM webhook_subscriptions
         WHERE program = @program AND owner_key = @owner
        """;

    private const string LogColumns = """
        SELECT d.delivery_id AS DeliveryId, d.event_type AS EventType, d.ordering_key AS OrderingKey, d.status AS Status,
               d.attempts AS Attempts, d.created_at AS CreatedAt, d.last_attempt_at AS LastAttemptAt,
               d.last_status_code AS LastStatusCode, d.last_error AS LastError, d.finished_at AS FinishedAt
          FROM webhook_deliveries AS d
          JOIN webhook_subscriptions AS s ON s.subscription_id = d.subscription_id
         WHERE s.program = @program AND s.owner_key = @owner
        """;

    internal const string LogSql = LogColumns + " ORDER BY d.id DESC";

    internal const string FindSql = LogColumns + " AND d.delivery_id = @deliveryId";

    internal const string CountSql = """
        SELECT COUNT(*)
          FROM webhook_deliveries AS d
          JOIN webhook_subscriptions AS s ON s.subscription_id = d.subscription_id
         WHERE s.program = @program AND s.owner_key = @owner
        """;

    // A replay starts the attempts afresh. It keeps the row (and its id), so it also keeps its place before later
    // deliveries of its ordering key that are still pending.
    internal const string ReplaySql = """
        UPDATE webhook_deliveries
           SET status = 'Pending', attempts = 0, due_at = @dueAt, lock_owner = NULL, locked_until = NULL, finished_at = NULL
         WHERE delivery_id = @deliveryId
           AND status IN ('Delivered', 'Failed')
           AND subscription_id IN (SELECT subscription_id FROM webhook_subscriptions WHERE program = @program AND owner_key = @owner)
        """;

    internal const string ReplayFailedSql = """
        UPDATE webhook_deliveries
           SET status = 'Pending', attempts = 0, due_at = @dueAt, lock_owner = NULL, locked_until = NULL, finished_at = NULL
         WHERE status = 'Failed'
           AND finished_at >= @since
           AND subscription_id IN (SELECT subscription_id FROM webhook_subscriptions WHERE program = @program AND owner_key = @owner)
        """;

    /// <summary>
    /// Queues <paramref name="payload"/> for <paramref name="owner"/>'s endpoint in <paramref name="tx"/>, so it is sent if and
    /// only if the change commits. Deliveries with the same <paramref name="orderingKey"/> (e.g. a referral id) reach the
    /// subscriber in the order they were queued. The body is <c>{"type", "timestamp", "data"}</c> as the spec suggests.
    /// Returns the delivery id (<c>msg_…</c>, the <c>webhook-id</c> of every attempt), or null when the owner has no subscription.
    /// </summary>
    public static async Task<string?> EnqueueAsync<TPayload>(
        DatabaseTransaction tx, string program, string owner, string eventType, string orderingKey, TPayload payload,
        DateTimeOffset now, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderingKey);
        var subscriptionId = await tx.QuerySingleOrDefaultAsync<Guid?>(SubscriptionIdSql, new { program, owner }, ct);
        if (subscriptionId is null)
            return null;
        var deliveryId = $"msg_{Guid.CreateVersion7(now):N}";
        var body = JsonSerializer.Serialize(new { type = eventType, timestamp = now, data = payload }, MatchingJson.Options);
        await tx.ExecuteAsync(
            InsertSql,
            new { deliveryId, subscriptionId, eventType, orderingKey, payload = body, now, dueAt = now.ToUnixTimeMilliseconds() },
            ct);
        return deliveryId;
    }

    /// <summary>The subscriber's deliveries, newest first.</summary>
    public static async Task<ListPage<WebhookDeliveryEntry>> LogAsync(
        ServiceDatabase database, string program, string owner, int page, int pageSize, CancellationToken ct)
    {
        var parameters = new { program, owner, offset = Paging.Offset(page, pageSize), limit = pageSize };
        var rows = await database.QueryAsync<Row>(database.Dialect.Page(LogSql, "@offset", "@limit"), parameters, ct);
        var total = await database.ExecuteScalarAsync<int>(CountSql, parameters, ct);
        return new ListPage<WebhookDeliveryEntry>(rows.Select(r => r.Entry()).ToList(), page, pageSize, total);
    }

    public static async Task<WebhookDeliveryEntry?> FindAsync(
        ServiceDatabase database, string program, string owner, string deliveryId, CancellationToken ct) =>
        (await database.QuerySingleOrDefaultAsync<Row>(FindSql, new { program, owner, deliveryId }, ct))?.Entry();

    /// <summary>Sends a delivered or failed delivery again, with the same delivery id. False when there is none such (or it is still pending).</summary>
    public static async Task<bool> ReplayAsync(
        DatabaseTransaction tx, string program, string owner, string deliveryId, DateTimeOffset now, CancellationToken ct) =>
        await tx.ExecuteAsync(ReplaySql, new { program, owner, deliveryId, dueAt = now.ToUnixTimeMilliseconds() }, ct) == 1;

    /// <summary>Sends every delivery that failed since <paramref name="since"/> again (e.g. since an outage began). Returns how many.</summary>
    public static Task<int> ReplayFailedAsync(
        DatabaseTransaction tx, string program, string owner, DateTimeOffset since, DateTimeOffset now, CancellationToken ct) =>
        tx.ExecuteAsync(ReplayFailedSql, new { program, owner, since, dueAt = now.ToUnixTimeMilliseconds() }, ct);

    private sealed record Row(
        string DeliveryId, string EventType, string OrderingKey, string Status, int Attempts, DateTimeOffset CreatedAt,
        DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? FinishedAt)
    {
        public WebhookDeliveryEntry Entry() => new(
            DeliveryId, EventType, OrderingKey, Enum.Parse<WebhookDeliveryStatus>(Status), Attempts, CreatedAt,
            LastAttemptAt, LastStatusCode, LastError, FinishedAt);
    }
}
