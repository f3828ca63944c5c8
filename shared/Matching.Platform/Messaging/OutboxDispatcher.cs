using System.Diagnostics.Metrics;
using System.Text.Json;
using Matching.Platform.Data;
using MassTransit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Messaging;

/// <summary>
/// Publishes a service's committed outbox messages and marks them sent. Each replica leases a batch before
/// publishing it, so replicas do not publish the same message twice; a lease that outlives its replica expires
/// and another replica publishes the batch. Delivery is at least once: inboxes remove the rare duplicate
/// (a publish confirmed by the broker just as the replica died, before the row was marked).
/// </summary>
public sealed class OutboxDispatcher(
    ServiceDatabase database,
    IBus bus,
    OutboxOptions options,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Matching.Outbox");
    private static readonly Counter<long> Published = Meter.CreateCounter<long>("matching.outbox.published");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("matching.outbox.publish_failed");

    internal const string MarkSentSql = """
        UPDATE outbox_messages
           SET sent_at = @sentAt, lock_owner = NULL, locked_until = NULL, attempts = attempts + 1
         WHERE id IN @ids AND lock_owner = @owner
        """;

    internal const string RetryLaterSql = """
        UPDATE outbox_messages
           SET locked_until = @retryAt, attempts = attempts + 1
         WHERE id IN @ids AND lock_owner = @owner
        """;

    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// The bus starts in the background (a process must start while the broker is away). A publish before the
    /// consumers' queues are bound would be dropped by the in-memory transport, and on a first RabbitMQ start would
    /// reach an exchange with no queue yet: the relay begins once the bus reports healthy (or after 30 s, to retry
    /// as usual against a broker that is down).
    /// </summary>
    private Task WaitForBusAsync(CancellationToken ct) => WaitForBusAsync(bus, ct);

    /// <summary>Waits until the bus reports healthy (its queues bound), at most 30 s.</summary>
    internal static async Task WaitForBusAsync(IBus bus, CancellationToken ct)
    {
        if (bus is not IBusControl control)
            return;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!ct.IsCancellationRequested && control.CheckHealth().Status != BusHealthStatus.Healthy && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(50, ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogWarning("Outbox dispatch of {Service} is disabled by configuration", database.Service);
            return;
        }
        await Task.Yield();
        if (database.Receipts is not null)
            await ReleaseLeasesOfEarlierRunAsync(stoppingToken);
        await WaitForBusAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Outbox dispatch of {Service} failed; retrying", database.Service);
                await Task.Delay(options.RetryDelay, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            if (published < options.BatchSize)
                await database.OutboxSignal.WaitAsync(options.PollInterval, stoppingToken);
        }
    }

    /// <summary>Leases, publishes and marks one batch. Returns how many messages were leased.</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var batch = await LeaseAsync(ct);
        if (batch.Count == 0)
            return 0;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.PublishTimeout);
        var results = database.Receipts is { } receipts
            ? await PublishUntilCommittedAsync(receipts, batch, timeout.Token, ct)
            : await Task.WhenAll(batch.Select(m => PublishAsync(m, timeout.Token)));

        var sent = batch.Where((_, i) => results[i]).Select(m => m.Id).ToList();
        var failed = batch.Where((_, i) => !results[i]).Select(m => m.Id).ToList();
        await using var tx = await database.BeginAsync(CancellationToken.None);
        if (sent.Count > 0)
        {
            await tx.ExecuteAsync(
                MarkSentSql,
                new { sentAt = clock.GetUtcNow(), ids = sent, owner }, CancellationToken.None);
            Published.Add(sent.Count, new KeyValuePair<string, object?>("service", database.Service));
        }
        if (failed.Count > 0)
        {
            // Released early instead of waiting for the lease to expire, so a broker outage heals quickly; a message
            // that keeps failing (a poison message) is offered less and less often instead of every second.
            var attempts = batch.Where((_, i) => !results[i]).Max(m => m.Attempts);
            await tx.ExecuteAsync(
                RetryLaterSql,
                new { retryAt = (clock.GetUtcNow() + RetryDelay(options, attempts)).ToUnixTimeMilliseconds(), ids = failed, owner }, CancellationToken.None);
            Failed.Add(failed.Count, new KeyValuePair<string, object?>("service", database.Service));
            logger.LogWarning("{Count} outbox messages of {Service} could not be published; they will be retried", failed.Count, database.Service);
        }
        await tx.CommitAsync(CancellationToken.None);
        return batch.Count;
    }

    /// <summary>RetryDelay doubled per earlier failed attempt, at most <see cref="OutboxOptions.MaxRetryDelay"/>.</summary>
    internal static TimeSpan RetryDelay(OutboxOptions options, int earlierAttempts) =>
        TimeSpan.FromTicks(Math.Min(options.RetryDelay.Ticks << Math.Min(earlierAttempts, 16), options.MaxRetryDelay.Ticks));

    private async Task<IReadOnlyList<OutboxMessage>> LeaseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var batch = await tx.QueryAsync<OutboxMessage>(
            database.Dialect.LeaseOutboxSql,
            new
            {
                owner,
                now = now.ToUnixTimeMilliseconds(),
                until = (now + options.Lease).ToUnixTimeMilliseconds(),
                batch = options.BatchSize,
            },
            ct);
        await tx.CommitAsync(ct);
        return batch;
    }

    /// <summary>
    /// In-memory transport: a message is sent once every consumer of it has committed (see <see cref="DeliveryReceipts"/>),
    /// not when it reaches their in-memory queues; one whose consumers do not all commit in time is retried later.
    /// </summary>
    private async Task<bool[]> PublishUntilCommittedAsync(DeliveryReceipts receipts, IReadOnlyList<OutboxMessage> batch, CancellationToken publishTimeout, CancellationToken ct)
    {
        // A message of an unknown type is never published, so what it would wait for does not matter.
        var committed = batch.Select(m => EventType(m) is { } type ? receipts.ExpectAsync(m.MessageId, type) : Task.CompletedTask).ToArray();
        try
        {
            var published = await Task.WhenAll(batch.Select(m => PublishAsync(m, publishTimeout)));
            using var settleTimeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            settleTimeout.CancelAfter(options.SettleTimeout);
            await Task.WhenAll(committed.Where((_, i) => published[i])).WaitAsync(settleTimeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            ct.ThrowIfCancellationRequested();
            return published.Select((ok, i) => ok && committed[i].IsCompletedSuccessfully).ToArray();
        }
        finally
        {
            foreach (var message in batch)
                receipts.Forget(message.MessageId);
        }
    }

    /// <summary>
    /// In one process with the in-memory transport nobody else publishes this database's outbox: leases left by a
    /// process that crashed are released at once instead of waiting for them to expire.
    /// </summary>
    private async Task ReleaseLeasesOfEarlierRunAsync(CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync(ReleaseLeasesSql, null, ct);
        await tx.CommitAsync(ct);
    }

    internal const string ReleaseLeasesSql =
        "UPDATE outbox_messages SET lock_owner = NULL, locked_until = NULL WHERE sent_at IS NULL AND lock_owner IS NOT NULL";

    private Type? EventType(OutboxMessage message)
    {
        try
        {
            return Outbox.TypeOf(message.MessageType);
        }
        catch (Exception ex) when (ex is TypeLoadException or FileNotFoundException or FileLoadException)
        {
            logger.LogError(ex, "Outbox message {MessageId} names an unknown type {Type}", message.MessageId, message.MessageType);
            return null;
        }
    }

    private async Task<bool> PublishAsync(OutboxMessage message, CancellationToken ct)
    {
        if (EventType(message) is not { } type)
            return false;
        try
        {
            var body = JsonSerializer.Deserialize(message.Body, type, Outbox.Json)!;
            await bus.Publish(body, type, context => context.MessageId = message.MessageId, ct);
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Publishing outbox message {MessageId} failed", message.MessageId);
            return false;
        }
    }

    private sealed record OutboxMessage(long Id, Guid MessageId, string MessageType, string Body, int Attempts);
}
