using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.History;
using Matching.Platform.Data;

namespace Matching.Platform.Messaging;

/// <summary>Configuration section <c>Matching:History</c>.</summary>
public sealed class HistoryOptions
{
    /// <summary>
    /// How long a sent event stays in its publisher's history. Null (the default) keeps every event: a program's
    /// reports reach back over the whole plan period, and a service that joins late can only catch up on what is kept.
    /// </summary>
    public TimeSpan? KeepFor { get; set; }

    /// <summary>How often a catch-up asks again a publisher that has not answered (it was down, or its queue did not exist yet).</summary>
    public TimeSpan AskAgainAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Events replayed per step; each step is confirmed before the replay's position moves on.</summary>
    public int PageSize { get; set; } = 1000;

    /// <summary>How often an idle relay looks for replays to run and catch-ups to ask again.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// One queue of a service and the event type its inbox consumer handles (registered by
/// <see cref="Hosting.BusSetup.AddServiceConsumer{TConsumer}"/>): what a catch-up asks the publishers to replay.
/// </summary>
public sealed record ConsumerQueue(string Service, string Queue, string Consumer, Type EventType)
{
    public string EventTypeName => Outbox.TypeName(EventType);

    public IReadOnlyList<string> Publishers => PublishedByAttribute.Of(EventType);
}

/// <summary>
/// 追いつき — a consumer service catching up on the event history of the services it listens to. It writes its request
/// to its own outbox, in one transaction with the record of what it waits for, so the request leaves once the bus is up
/// (its queues bound: whatever is published from then on arrives live, whatever before is replayed). Each publisher's
/// <see cref="HistoryRelay"/> replays its stored events of the requested types to the consumer's queues and answers
/// with <see cref="HistoryReplayed"/>; inboxes drop what was handled before, so a catch-up can always be repeated.
/// </summary>
public static class CatchUp
{
    public const string FirstStart = "first-start";
    public const string NewConsumer = "new-consumer";
    public const string Operator = "operator";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal const string InsertSql = """
        INSERT INTO catch_ups (request_id, reason, requested_at, since, targets, finished_at)
        VALUES (@requestId, @reason, @requestedAt, @since, @targets, NULL)
        """;

    internal const string InsertAnswerSql = """
        INSERT INTO catch_up_answers (request_id, publisher, asked_at, replayed, answered_at)
        VALUES (@requestId, @publisher, @askedAt, NULL, NULL)
        """;

    internal const string InsertQueueSql = "INSERT INTO catch_up_queues (queue, request_id, requested_at) VALUES (@queue, @requestId, @requestedAt)";

    internal const string KnownQueuesSql = "SELECT queue FROM catch_up_queues";

    /// <summary>
    /// Asks for the history of every consumer queue in <paramref name="queues"/> (all of one service), from
    /// <paramref name="since"/> (null: all of it). Returns the request's id.
    /// </summary>
    public static async Task<Guid> RequestAsync(ServiceDatabase database, IReadOnlyList<ConsumerQueue> queues, DateTimeOffset? since, string reason, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        var id = await RequestAsync(tx, queues, since, reason, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// On start: asks for the history of the queues no catch-up was asked for yet. Every queue on the first start of a
    /// service; afterwards only a consumer a new release added (a KPI counted kind counting events from before it).
    /// </summary>
    public static async Task<Guid?> RequestForNewQueuesAsync(ServiceDatabase database, IReadOnlyList<ConsumerQueue> queues, CancellationToken ct)
    {
        if (queues.Count == 0)
            return null;
        await using var tx = await database.BeginAsync(ct);
        var known = (await tx.QueryAsync<string>(KnownQueuesSql, null, ct)).ToHashSet(StringComparer.Ordinal);
        var fresh = queues.Where(q => !known.Contains(q.Queue)).ToList();
        if (fresh.Count == 0)
            return null;
        var id = await RequestAsync(tx, fresh, null, known.Count == 0 ? FirstStart : NewConsumer, ct);
        await tx.CommitAsync(ct);
        return id;
    }

    private static async Task<Guid> RequestAsync(DatabaseTransaction tx, IReadOnlyList<ConsumerQueue> queues, DateTimeOffset? since, string reason, CancellationToken ct)
    {
        var service = tx.Database.Service;
        if (queues.Count == 0 || queues.Any(q => q.Service != service))
            throw new ArgumentException($"A catch-up of {service} names queues of {service} only, at least one.", nameof(queues));
        var requestId = EventIds.New();
        var now = DateTimeOffset.UtcNow;
        var targets = queues.Select(q => new ReplayTarget(q.Queue, q.Consumer, q.EventTypeName)).ToList();
        var publishers = queues.SelectMany(q => q.Publishers).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        await tx.ExecuteAsync(InsertSql, new
        {
            requestId, reason, requestedAt = now, since = since?.ToUniversalTime(), targets = JsonSerializer.Serialize(targets, Json),
        }, ct);
        foreach (var publisher in publishers)
            await tx.ExecuteAsync(InsertAnswerSql, new { requestId, publisher, askedAt = now }, ct);
        var known = (await tx.QueryAsync<string>(KnownQueuesSql, null, ct)).ToHashSet(StringComparer.Ordinal);
        foreach (var queue in queues.Where(q => !known.Contains(q.Queue)))
            await tx.ExecuteAsync(InsertQueueSql, new { queue = queue.Queue, requestId, requestedAt = now }, ct);
        await tx.Outbox.AddAsync(new HistoryRequested(EventIds.New(), "", now, requestId, service, publishers, since?.ToUniversalTime(), targets), ct);
        return requestId;
    }
}
