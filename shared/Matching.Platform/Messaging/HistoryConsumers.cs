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
        INSERT INTO history_replays (request_id, service, targets, since, until_id, position, replayed, requested_at, finished_at, lock_owner, locked_until)
        VALUES (@requestId, @service, @targets, @since, @untilId, 0, 0, @requestedAt, NULL, NULL, NULL)
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
        await tx.ExecuteAsync(InsertSql, new
        {
            requestId = message.RequestId,
            service = message.Service,
            targets = JsonSerializer.Serialize(message.Targets, CatchUp.Json),
            since = message.Since,
            untilId,
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

/// <summary>Consumer side of a catch-up: a publisher's answer, that every event it replayed reached this service's queues.</summary>
public sealed class HistoryReplayedConsumer<TService>(ServiceDatabase<TService> database) : InboxConsumer<HistoryReplayed>(database)
    where TService : ServiceModule
{
    internal const string AnsweredSql = """
        UPDATE catch_up_answers SET replayed = @replayed, answered_at = @answeredAt
         WHERE request_id = @requestId AND publisher = @publisher AND answered_at IS NULL
        """;

    internal const string FinishedSql = """
        UPDATE catch_ups SET finished_at = @answeredAt
         WHERE request_id = @requestId AND finished_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM catch_up_answers a WHERE a.request_id = @requestId AND a.answered_at IS NULL)
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, HistoryReplayed message, CancellationToken ct)
    {
        if (message.Service != tx.Database.Service)
            return;
        var parameters = new { requestId = message.RequestId, publisher = message.Publisher, replayed = message.Replayed, answeredAt = DateTimeOffset.UtcNow };
        await tx.ExecuteAsync(AnsweredSql, parameters, ct);
        await tx.ExecuteAsync(FinishedSql, parameters, ct);
    }
}
