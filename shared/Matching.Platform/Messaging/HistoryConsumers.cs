using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.History;
using Matching.Platform.Data;

namespace Matching.Platform.Messaging;

/// <summary>
/// Publisher side of a catch-up: records the replay a service asked of this one, up to the last event stored now
/// (what is stored later reaches the asking service live: its queues were bound before it asked). The
/// <see cref="HistoryRelay"/> runs it. Asked again for a replay it already finished, it answers again.
/// </summary>
public sealed class HistoryRequestedConsumer<TService>(ServiceDatabase<TService> database) : InboxConsumer<HistoryRequested>(database)
    where TService : ServiceModule
{
    internal const string ExistingSql = "SELECT replayed AS Replayed, finished_at AS FinishedAt FROM history_replays WHERE request_id = @requestId";

    internal const string LastIdSql = "SELECT COALESCE(MAX(id), 0) FROM outbox_messages";

    internal const string InsertSql = """
        INSERT INTO history_replays (request_id, service, targets, since, until_id, ends, position, replayed, requested_at, finished_at, lock_owner, locked_until)
        VALUES (@requestId, @service, @targets, @since, @untilId, @ends, 0, 0, @requestedAt, NULL, NULL, NULL)
        """;

    /// <summary>The last event of a type the replay sends: it carries the end marker to its consumers.</summary>
    internal const string LastOfTypeSql = """
        SELECT MAX(id) FROM outbox_messages WHERE message_type = @type AND id <= @untilId AND (@since IS NULL OR created_at >= @since)
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, HistoryRequested message, CancellationToken ct)
    {
        var publisher = tx.Database.Service;
        if (!message.Publishers.Contains(publisher, StringComparer.Ordinal))
            return;
        var existing = await tx.QuerySingleOrDefaultAsync<Existing>(ExistingSql, new { requestId = message.RequestId }, ct);
        if (existing is not null)
        {
            if (existing.FinishedAt is not null)
                await tx.Outbox.AddAsync(new HistoryReplayed(EventIds.New(), "", DateTimeOffset.UtcNow, message.RequestId, message.Service, publisher, existing.Replayed), ct);
            return;
        }
        var untilId = await tx.ExecuteScalarAsync<long>(LastIdSql, null, ct);
        var ends = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var type in message.Targets.Select(t => t.EventType).Distinct(StringComparer.Ordinal))
        {
            if (await tx.ExecuteScalarAsync<long?>(LastOfTypeSql, new { type, untilId, since = message.Since }, ct) is { } last)
                ends[type] = last;
        }
        await tx.ExecuteAsync(InsertSql, new
        {
            requestId = message.RequestId,
            service = message.Service,
            targets = JsonSerializer.Serialize(message.Targets, CatchUp.Json),
            since = message.Since,
            untilId,
            ends = JsonSerializer.Serialize(ends, CatchUp.Json),
            requestedAt = DateTimeOffset.UtcNow,
        }, ct);
        tx.Database.HistorySignal.Notify();
    }

    private sealed class Existing
    {
        public long Replayed { get; init; }

        public DateTimeOffset? FinishedAt { get; init; }
    }
}

/// <summary>
/// Consumer side of a catch-up: a publisher's answer, that every event it replayed reached this service's queues. The
/// answer may overtake the replayed events still queued: it counts as consumed once each consumer has taken the
/// replay's last event, which carries a marker (see <see cref="ReplayEnds"/>).
/// </summary>
public sealed class HistoryReplayedConsumer<TService>(ServiceDatabase<TService> database) : InboxConsumer<HistoryReplayed>(database)
    where TService : ServiceModule
{
    internal const string AnsweredSql = """
        UPDATE catch_up_answers SET replayed = @replayed, answered_at = @answeredAt, ended = @ended
         WHERE request_id = @requestId AND publisher = @publisher AND answered_at IS NULL
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, HistoryReplayed message, CancellationToken ct)
    {
        if (message.Service != tx.Database.Service)
            return;
        await tx.ExecuteAsync(AnsweredSql, new
        {
            requestId = message.RequestId, publisher = message.Publisher, replayed = message.Replayed, answeredAt = DateTimeOffset.UtcNow,
            ended = JsonSerializer.Serialize(message.Ended ?? [], CatchUp.Json),
        }, ct);
        await ReplayEnds.SettleAsync(tx, message.RequestId, ct);
    }
}

/// <summary>
/// The marker on the last event a replay sends to each consumer (<see cref="Header"/>: request id and publisher). The
/// consumer records it in the transaction that handles (or drops) that event; once every marker an answer announced is
/// recorded, the answer's events are consumed, and when all answers are, the catch-up is finished.
/// </summary>
public static class ReplayEnds
{
    public const string Header = "Matching-Replay-End";

    internal const string RecordSql = """
        INSERT INTO catch_up_ends (request_id, publisher, consumer, ended_at)
        SELECT @requestId, @publisher, @consumer, @endedAt
         WHERE NOT EXISTS (SELECT 1 FROM catch_up_ends WHERE request_id = @requestId AND publisher = @publisher AND consumer = @consumer)
        """;

    internal const string AnsweredSql = """
        SELECT publisher AS Publisher, ended AS Ended FROM catch_up_answers
         WHERE request_id = @requestId AND answered_at IS NOT NULL AND drained_at IS NULL
        """;

    internal const string EndedSql = "SELECT consumer FROM catch_up_ends WHERE request_id = @requestId AND publisher = @publisher";

    internal const string DrainedSql = "UPDATE catch_up_answers SET drained_at = @drainedAt WHERE request_id = @requestId AND publisher = @publisher AND drained_at IS NULL";

    internal const string FinishedSql = """
        UPDATE catch_ups SET finished_at = @drainedAt
         WHERE request_id = @requestId AND finished_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM catch_up_answers a WHERE a.request_id = @requestId AND a.drained_at IS NULL)
        """;

    internal static string Value(Guid requestId, string publisher) => $"{requestId:D}/{publisher}";

    /// <summary>Records a replay's end marker on a consumed event, when it has one.</summary>
    internal static async Task RecordAsync(DatabaseTransaction tx, string consumer, string? marker, CancellationToken ct)
    {
        if (marker is null || marker.Split('/') is not [var id, var publisher] || !Guid.TryParse(id, out var requestId))
            return;
        await tx.ExecuteAsync(RecordSql, new { requestId, publisher, consumer, endedAt = DateTimeOffset.UtcNow }, ct);
        await SettleAsync(tx, requestId, ct);
    }

    /// <summary>Marks the answers of a request whose markers have all arrived as consumed, and the request finished when all are.</summary>
    internal static async Task SettleAsync(DatabaseTransaction tx, Guid requestId, CancellationToken ct)
    {
        var answered = await tx.QueryAsync<Answered>(AnsweredSql, new { requestId }, ct);
        var now = DateTimeOffset.UtcNow;
        foreach (var answer in answered)
        {
            var expected = JsonSerializer.Deserialize<List<string>>(answer.Ended ?? "[]", CatchUp.Json) ?? [];
            var ended = (await tx.QueryAsync<string>(EndedSql, new { requestId, publisher = answer.Publisher }, ct)).ToHashSet(StringComparer.Ordinal);
            if (expected.All(ended.Contains))
                await tx.ExecuteAsync(DrainedSql, new { requestId, publisher = answer.Publisher, drainedAt = now }, ct);
        }
        await tx.ExecuteAsync(FinishedSql, new { requestId, drainedAt = now }, ct);
    }

    private sealed class Answered
    {
        public string Publisher { get; init; } = "";

        public string? Ended { get; init; }
    }
}
