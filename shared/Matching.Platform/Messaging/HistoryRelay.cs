using System.Diagnostics.Metrics;
using System.Text.Json;
using Matching.Contracts;
using Matching.Contracts.History;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Messaging;

/// <summary>
/// The event history of one service's database, both ways. As a publisher it replays its stored events (the outbox
/// rows, kept after sending) to the queues of a service that asked (<see cref="HistoryRequested"/>), a page at a time,
/// each page confirmed by the broker (on the in-memory transport: committed by the consumer) before the replay's
/// position moves on, so a crash repeats a page and never skips one; then it answers with <see cref="HistoryReplayed"/>.
/// As a consumer it asks again a publisher that has not answered. It also compacts history older than
/// <see cref="HistoryOptions.KeepFor"/>, and publishes the history's size and the catch-up lag as metrics.
/// </summary>
public sealed class HistoryRelay(
    ServiceDatabase database,
    IBus bus,
    BusOptions busOptions,
    HistoryOptions options,
    OutboxOptions outboxOptions,
    TimeProvider clock,
    ILogger<HistoryRelay> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Matching.History");
    private static readonly Counter<long> Replayed = Meter.CreateCounter<long>("matching.history.replayed", description: "Events replayed to a service catching up.");
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, HistoryRelay> Relays = new(StringComparer.Ordinal);

    static HistoryRelay()
    {
        Meter.CreateObservableGauge("matching.history.events", () => Relays.Values.Select(r => new Measurement<long>(r.historyEvents, Tag(r))),
            description: "Events kept in a service's event history.");
        Meter.CreateObservableGauge("matching.history.replay_remaining", () => Relays.Values.Select(r => new Measurement<long>(r.replayRemaining, Tag(r))),
            description: "Events a service still has to replay to services catching up.");
        Meter.CreateObservableGauge("matching.catchup.waiting_publishers", () => Relays.Values.Select(r => new Measurement<long>(r.waitingPublishers, Tag(r))),
            description: "Publishers a service catching up still waits for.");
    }

    private static KeyValuePair<string, object?> Tag(HistoryRelay relay) => new("service", relay.Service);

    private string Service => database.Service;

    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly Dictionary<string, ISendEndpoint> endpoints = new(StringComparer.Ordinal);
    private long historyEvents;
    private long replayRemaining;
    private long waitingPublishers;
    private DateTimeOffset nextHousekeeping = DateTimeOffset.MinValue;

    internal const string RunnableSql = """
        SELECT request_id FROM history_replays
         WHERE finished_at IS NULL AND (locked_until IS NULL OR locked_until < @now OR lock_owner = @owner)
         ORDER BY requested_at
        """;

    internal const string LeaseSql = """
        UPDATE history_replays SET lock_owner = @owner, locked_until = @until
         WHERE request_id = @requestId AND finished_at IS NULL AND (locked_until IS NULL OR locked_until < @now OR lock_owner = @owner)
        """;

    internal const string ReplaySql = """
        SELECT request_id AS RequestId, service AS Service, targets AS Targets, since AS Since, until_id AS UntilId, ends AS Ends,
               position AS Position, replayed AS Replayed
          FROM history_replays WHERE request_id = @requestId
        """;

    internal const string PageSelectSql = """
        SELECT id AS Id, message_id AS MessageId, message_type AS MessageType, body AS Body
          FROM outbox_messages
         WHERE id > @position AND id <= @untilId AND message_type IN @types AND (@since IS NULL OR created_at >= @since)
         ORDER BY id
        """;

    internal const string AdvanceSql = """
        UPDATE history_replays SET position = @position, replayed = replayed + @count, locked_until = @until
         WHERE request_id = @requestId AND lock_owner = @owner
        """;

    internal const string FinishSql = """
        UPDATE history_replays SET finished_at = @finishedAt, lock_owner = NULL, locked_until = NULL
         WHERE request_id = @requestId AND lock_owner = @owner AND finished_at IS NULL
        """;

    internal const string UnansweredSql = """
        SELECT a.request_id AS RequestId, a.publisher AS Publisher, c.since AS Since, c.targets AS Targets
          FROM catch_up_answers a JOIN catch_ups c ON c.request_id = a.request_id
         WHERE a.answered_at IS NULL AND a.asked_at < @askedBefore
        """;

    internal const string AskedAgainSql = "UPDATE catch_up_answers SET asked_at = @askedAt WHERE request_id = @requestId AND publisher IN @publishers";

    internal const string UndrainedSql = "SELECT DISTINCT request_id FROM catch_up_answers WHERE answered_at IS NOT NULL AND drained_at IS NULL";

    internal const string SizeSql = "SELECT COUNT(*) FROM outbox_messages";

    internal const string RemainingSql = "SELECT COALESCE(SUM(until_id - position), 0) FROM history_replays WHERE finished_at IS NULL";

    internal const string WaitingSql = "SELECT COUNT(*) FROM catch_up_answers WHERE answered_at IS NULL";

    private string PageSql => PageSqlOf(database.Dialect);

    private string CompactSql => CompactSqlOf(database.Dialect);

    /// <summary>The next page of a replay: stored events after its position, up to the last one stored when it was asked.</summary>
    internal static string PageSqlOf(SqlDialect dialect) => dialect.Page(PageSelectSql, "0", "@pageSize");

    /// <summary>Deletes a batch of sent events older than the retention; unsent ones always stay.</summary>
    internal static string CompactSqlOf(SqlDialect dialect) => dialect == SqlDialect.SqlServer
        ? "DELETE TOP (@batch) FROM outbox_messages WHERE sent_at IS NOT NULL AND created_at < @cutoff"
        : "DELETE FROM outbox_messages WHERE id IN (SELECT id FROM outbox_messages WHERE sent_at IS NOT NULL AND created_at < @cutoff LIMIT @batch)";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        Relays[database.Service] = this;
        try
        {
            await OutboxDispatcher.WaitForBusAsync(bus, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = false;
                try
                {
                    busy = await ReplayStepAsync(stoppingToken);
                    if (clock.GetUtcNow() >= nextHousekeeping)
                    {
                        await HousekeepAsync(stoppingToken);
                        nextHousekeeping = clock.GetUtcNow() + (options.AskAgainAfter < TimeSpan.FromSeconds(30) ? options.AskAgainAfter : TimeSpan.FromSeconds(30));
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Event history relay of {Service} failed; retrying", database.Service);
                    await Task.Delay(outboxOptions.RetryDelay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }
                if (!busy)
                    await database.HistorySignal.WaitAsync(options.PollInterval, stoppingToken);
            }
        }
        finally
        {
            Relays.TryRemove(new KeyValuePair<string, HistoryRelay>(database.Service, this));
        }
    }

    /// <summary>Replays one page of the oldest runnable replay; true when there may be more to do at once.</summary>
    public async Task<bool> ReplayStepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var parameters = new { owner, now = now.ToUnixTimeMilliseconds(), until = (now + outboxOptions.Lease).ToUnixTimeMilliseconds() };
        var candidates = await database.QueryAsync<Guid>(RunnableSql, parameters, ct);
        foreach (var requestId in candidates)
        {
            await using (var lease = await database.BeginAsync(ct))
            {
                var leased = await lease.ExecuteAsync(LeaseSql, new { parameters.owner, parameters.now, parameters.until, requestId }, ct);
                await lease.CommitAsync(ct);
                if (leased == 0)
                    continue;
            }
            var replay = await database.QuerySingleOrDefaultAsync<Replay>(ReplaySql, new { requestId }, ct);
            if (replay is null)
                continue;
            return await ReplayPageAsync(replay, ct);
        }
        return false;
    }

    private async Task<bool> ReplayPageAsync(Replay replay, CancellationToken ct)
    {
        var targets = JsonSerializer.Deserialize<List<ReplayTarget>>(replay.Targets, CatchUp.Json) ?? [];
        var byType = targets.GroupBy(t => t.EventType, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var ends = JsonSerializer.Deserialize<Dictionary<string, long>>(replay.Ends, CatchUp.Json) ?? [];
        var page = byType.Count == 0
            ? []
            : await database.QueryAsync<StoredEvent>(PageSql, new
            {
                position = replay.Position, untilId = replay.UntilId, types = byType.Keys.ToList(), since = replay.Since, pageSize = options.PageSize,
            }, ct);
        if (page.Count == 0)
        {
            await using var tx = await database.BeginAsync(ct);
            var finished = await tx.ExecuteAsync(FinishSql, new { requestId = replay.RequestId, owner, finishedAt = clock.GetUtcNow() }, ct);
            if (finished == 1)
            {
                var ended = targets.Where(t => ends.ContainsKey(t.EventType)).Select(t => t.Consumer).Distinct(StringComparer.Ordinal).ToList();
                await tx.Outbox.AddAsync(new HistoryReplayed(EventIds.New(), "", clock.GetUtcNow(), replay.RequestId, replay.Service, database.Service, replay.Replayed, ended), ct);
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("{Publisher} replayed {Count} events to {Service} (catch-up {RequestId})", database.Service, replay.Replayed, replay.Service, replay.RequestId);
            return true;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(outboxOptions.PublishTimeout + outboxOptions.SettleTimeout);
        var sends = new List<Task>(page.Count);
        var receipts = database.Receipts;
        var expected = new List<(string Consumer, Guid MessageId)>();
        try
        {
            foreach (var stored in page)
            {
                if (EventType(stored.MessageType) is not { } type)
                    continue;
                var body = JsonSerializer.Deserialize(stored.Body, type, Outbox.Json)!;
                // The last event of its type carries the end marker, so the consumer knows when it has taken everything.
                var marker = ends.TryGetValue(stored.MessageType, out var last) && last == stored.Id ? ReplayEnds.Value(replay.RequestId, database.Service) : null;
                foreach (var target in byType[stored.MessageType])
                {
                    if (receipts is not null)
                    {
                        var consumer = $"{replay.Service}/{target.Consumer}";
                        expected.Add((consumer, stored.MessageId));
                        sends.Add(receipts.ExpectFromAsync(consumer, stored.MessageId));
                    }
                    var endpoint = await EndpointAsync(target.Queue);
                    sends.Add(endpoint.Send(body, type, context =>
                    {
                        context.MessageId = stored.MessageId;
                        if (marker is not null)
                            context.Headers.Set(ReplayEnds.Header, marker);
                    }, timeout.Token));
                }
            }
            await Task.WhenAll(sends).WaitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !ct.IsCancellationRequested)
        {
            // Not confirmed (broker away, a consumer not committing): the position stays, the page is replayed again.
            logger.LogWarning(ex, "A page of the replay {RequestId} from {Publisher} to {Service} was not confirmed; it is replayed again", replay.RequestId, database.Service, replay.Service);
            await Task.Delay(outboxOptions.RetryDelay, clock, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return false;
        }
        finally
        {
            foreach (var (consumer, messageId) in expected)
                receipts!.ForgetFrom(consumer, messageId);
        }

        var now = clock.GetUtcNow();
        await using (var tx = await database.BeginAsync(ct))
        {
            await tx.ExecuteAsync(AdvanceSql, new
            {
                position = page[^1].Id, count = page.Count, until = (now + outboxOptions.Lease).ToUnixTimeMilliseconds(), requestId = replay.RequestId, owner,
            }, ct);
            await tx.CommitAsync(ct);
        }
        Replayed.Add(page.Count, Tag(this));
        return true;
    }

    private async Task<ISendEndpoint> EndpointAsync(string queue)
    {
        if (!endpoints.TryGetValue(queue, out var endpoint))
        {
            // RabbitMQ: the consumer's own exchange (bound to its quorum queue), so nothing is declared that differs
            // from the queue the consumer made; in one process the queue itself.
            var address = new Uri(busOptions.IsRabbitMq ? $"exchange:{queue}" : $"queue:{queue}");
            endpoints[queue] = endpoint = await bus.GetSendEndpoint(address);
        }
        return endpoint;
    }

    /// <summary>Asks again the publishers that did not answer, compacts old history, refreshes the metrics.</summary>
    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var unanswered = await database.QueryAsync<Unanswered>(UnansweredSql, new { askedBefore = now - options.AskAgainAfter }, ct);
        foreach (var request in unanswered.GroupBy(u => u.RequestId))
        {
            var first = request.First();
            var publishers = request.Select(u => u.Publisher).ToList();
            var targets = JsonSerializer.Deserialize<List<ReplayTarget>>(first.Targets, CatchUp.Json) ?? [];
            await using var tx = await database.BeginAsync(ct);
            await tx.ExecuteAsync(AskedAgainSql, new { askedAt = now, requestId = request.Key, publishers }, ct);
            await tx.Outbox.AddAsync(new HistoryRequested(EventIds.New(), "", now, request.Key, database.Service, publishers, first.Since, targets), ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("{Service} asks {Publishers} again for the history of catch-up {RequestId}", database.Service, string.Join(", ", publishers), request.Key);
        }
        // Markers recorded by concurrent transactions may each have missed the other's: settle what is answered again.
        foreach (var requestId in await database.QueryAsync<Guid>(UndrainedSql, null, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            await ReplayEnds.SettleAsync(tx, requestId, ct);
            await tx.CommitAsync(ct);
        }
        if (options.KeepFor is { } keepFor)
        {
            int deleted;
            do
            {
                await using var tx = await database.BeginAsync(ct);
                deleted = await tx.ExecuteAsync(CompactSql, new { cutoff = now - keepFor, batch = 5000 }, ct);
                await tx.CommitAsync(ct);
            }
            while (deleted == 5000 && !ct.IsCancellationRequested);
        }
        historyEvents = await database.ExecuteScalarAsync<long>(SizeSql, null, ct);
        replayRemaining = await database.ExecuteScalarAsync<long>(RemainingSql, null, ct);
        waitingPublishers = await database.ExecuteScalarAsync<long>(WaitingSql, null, ct);
    }

    private static Type? EventType(string name)
    {
        try
        {
            return Outbox.TypeOf(name);
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            return null;
        }
    }

    private sealed class Replay
    {
        public Guid RequestId { get; init; }

        public string Service { get; init; } = "";

        public string Targets { get; init; } = "[]";

        public DateTimeOffset? Since { get; init; }

        public long UntilId { get; init; }

        public string Ends { get; init; } = "{}";

        public long Position { get; init; }

        public long Replayed { get; init; }
    }

    private sealed class Unanswered
    {
        public Guid RequestId { get; init; }

        public string Publisher { get; init; } = "";

        public DateTimeOffset? Since { get; init; }

        public string Targets { get; init; } = "[]";
    }

    private sealed record StoredEvent(long Id, Guid MessageId, string MessageType, string Body);
}
