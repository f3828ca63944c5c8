using System.Diagnostics.Metrics;
using System.Text;
using Matching.Platform.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Webhooks;

/// <summary>
/// Sends a service's queued webhook deliveries. A replica leases what it sends (owner and expiry), so replicas never
/// send one delivery at the same time; a lease that outlives its replica expires and the delivery is sent again with
/// the same <c>webhook-id</c>: delivery is at least once, and receivers drop the rare repeat by id. Only the oldest
/// pending delivery of a subscriber's ordering key is leased, so a key's deliveries arrive in order; one that fails
/// for good no longer holds the others back.
/// </summary>
public sealed class WebhookDispatcher(
    ServiceDatabase database,
    IHttpClientFactory httpClients,
    WebhookOptions options,
    TimeProvider clock,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "Matching.Webhooks";

    /// <summary>How much of a refusing receiver's answer is kept in the log: enough to see its error, not its whole page.</summary>
    internal const int KeptResponseBytes = 512;

    private const int KeptErrorLength = 1000;

    private static readonly Meter Meter = new("Matching.Webhooks");
    private static readonly Counter<long> Delivered = Meter.CreateCounter<long>("matching.webhooks.delivered");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("matching.webhooks.retried");
    private static readonly Counter<long> FailedForGood = Meter.CreateCounter<long>("matching.webhooks.failed");

    internal const string TargetsSql = """
        SELECT s.subscription_id AS SubscriptionId, s.url AS Url, k.secret AS Secret
          FROM webhook_subscriptions AS s
          JOIN webhook_secrets AS k ON k.subscription_id = s.subscription_id
         WHERE s.subscription_id IN @ids
           AND (k.expires_at IS NULL OR k.expires_at > @now)
         ORDER BY k.id DESC
        """;

    internal const string MarkSql = """
        UPDATE webhook_deliveries
           SET status = @status, attempts = attempts + 1, due_at = @dueAt, lock_owner = NULL, locked_until = NULL,
               last_attempt_at = @attemptedAt, last_status_code = @statusCode, last_error = @error, finished_at = @finishedAt
         WHERE id = @id AND lock_owner = @owner
        """;

    internal const string ReleaseLeasesSql =
        "UPDATE webhook_deliveries SET lock_owner = NULL, locked_until = NULL WHERE status = 'Pending' AND lock_owner IS NOT NULL";

    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>
    /// Leases up to @batch due deliveries (@now, @until in Unix ms, @owner) that are not leased and have no earlier
    /// pending delivery of the same subscriber and ordering key.
    /// </summary>
    internal static string LeaseSqlOf(SqlDialect dialect) => dialect == SqlDialect.SqlServer
        // READPAST skips rows another replica is leasing, UPDLOCK keeps ours until commit.
        ? """
          WITH batch AS (
              SELECT TOP (@batch) d.id, d.delivery_id, d.subscription_id, d.payload, d.attempts, d.lock_owner, d.locked_until
                FROM webhook_deliveries AS d WITH (ROWLOCK, UPDLOCK, READPAST)
               WHERE d.status = 'Pending'
                 AND d.due_at <= @now
                 AND (d.locked_until IS NULL OR d.locked_until < @now)
                 AND NOT EXISTS (SELECT 1
                                   FROM webhook_deliveries AS e
                                  WHERE e.subscription_id = d.subscription_id
                                    AND e.ordering_key = d.ordering_key
                                    AND e.status = 'Pending'
                                    AND e.id < d.id)
               ORDER BY d.id)
          UPDATE batch
             SET lock_owner = @owner, locked_until = @until
          OUTPUT inserted.id AS Id, inserted.delivery_id AS DeliveryId, inserted.subscription_id AS SubscriptionId,
                 inserted.payload AS Payload, inserted.attempts AS Attempts;
          """
        : """
          UPDATE webhook_deliveries
             SET lock_owner = @owner, locked_until = @until
           WHERE id IN (SELECT d.id
                          FROM webhook_deliveries AS d
                         WHERE d.status = 'Pending'
                           AND d.due_at <= @now
                           AND (d.locked_until IS NULL OR d.locked_until < @now)
                           AND NOT EXISTS (SELECT 1
                                             FROM webhook_deliveries AS e
                                            WHERE e.subscription_id = d.subscription_id
                                              AND e.ordering_key = d.ordering_key
                                              AND e.status = 'Pending'
                                              AND e.id < d.id)
                         ORDER BY d.id
                         LIMIT @batch)
          RETURNING id AS Id, delivery_id AS DeliveryId, subscription_id AS SubscriptionId, payload AS Payload, attempts AS Attempts
          """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogWarning("Webhook delivery of {Service} is disabled by configuration", database.Service);
            return;
        }
        await Task.Yield();
        if (database.Receipts is not null)
            await ReleaseLeasesOfEarlierRunAsync(stoppingToken);
        // Up to BatchSize sends are in flight at once; each answer is marked as soon as it is in and its slot is leased
        // again, so a slow receiver holds one slot, not a whole batch. The lease only takes the oldest pending delivery
        // of an ordering key, and one in flight is still pending: a key's next delivery waits until this one is marked.
        var inFlight = new List<Task<(Leased Delivery, Attempt? Attempt)>>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var leased = 0;
            try
            {
                if (inFlight.Count < options.BatchSize)
                {
                    var (batch, targets) = await LeaseAsync(options.BatchSize - inFlight.Count, stoppingToken);
                    leased = batch.Count;
                    if (leased > 0)
                    {
                        var http = httpClients.CreateClient(HttpClientName);
                        inFlight.AddRange(batch.Select(async d => (d, await SendAsync(http, d, targets, stoppingToken))));
                    }
                }
                if (inFlight.Count > 0 && leased == 0)
                {
                    // Nothing more to lease now: wait for an answer, or for the poll interval (retries may fall due).
                    // (WhenAny does not throw when the delay is cancelled by shutdown.)
                    await Task.WhenAny(Task.WhenAny(inFlight), Task.Delay(options.PollInterval, clock, stoppingToken));
                }
                // Exactly the sends seen completed leave the list: one completing meanwhile stays for the next round.
                var answered = inFlight.Where(t => t.IsCompleted).ToList();
                if (answered.Count > 0)
                {
                    inFlight.RemoveAll(answered.Contains);
                    await MarkAsync(answered.Select(t => t.Result).ToList());
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Webhook delivery of {Service} failed; retrying", database.Service);
                await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }
            if (leased == 0 && inFlight.Count == 0)
                await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        // Marked even when shutdown began meanwhile: the answers are in, and marking them spares the receiver repeats.
        // What was not answered stays leased (as after a crash) and is sent again once the lease expires.
        var last = await Task.WhenAll(inFlight);
        try
        {
            await MarkAsync(last);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Webhook delivery of {Service} could not mark its last answers; they are sent again once their lease expires", database.Service);
        }
    }

    /// <summary>
    /// Leases, sends and marks one batch; returns how many deliveries were leased. When <paramref name="ct"/> is cancelled
    /// mid-send, what was not answered stays leased (as after a crash) and is sent again once the lease expires.
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var (batch, targets) = await LeaseAsync(options.BatchSize, ct);
        if (batch.Count == 0)
            return 0;

        var http = httpClients.CreateClient(HttpClientName);
        var attempts = await Task.WhenAll(batch.Select(d => SendAsync(http, d, targets, ct)));
        await MarkAsync(batch.Zip(attempts).ToList());
        ct.ThrowIfCancellationRequested();
        return batch.Count;
    }

    /// <summary>
    /// Marks the answered attempts in one transaction, even when shutdown began meanwhile: the answers are in, and
    /// marking them spares the receiver repeats. An attempt cut short by shutdown (null) stays leased.
    /// </summary>
    private async Task MarkAsync(IReadOnlyList<(Leased Delivery, Attempt? Attempt)> answered)
    {
        var now = clock.GetUtcNow();
        var marks = answered
            .Where(pair => pair.Attempt is not null)
            .Select(pair => Mark(pair.Delivery, pair.Attempt!, now))
            .ToList();
        if (marks.Count == 0)
            return;
        await using var tx = await database.BeginAsync(CancellationToken.None);
        await tx.ExecuteAsync(MarkSql, marks, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>RetryDelay doubled for each attempt after the first, at most MaxRetryDelay.</summary>
    internal static TimeSpan RetryDelay(WebhookOptions options, int attemptsMade)
    {
        var ticks = options.RetryDelay.Ticks * Math.Pow(2, Math.Clamp(attemptsMade - 1, 0, 62));
        return ticks >= options.MaxRetryDelay.Ticks ? options.MaxRetryDelay : TimeSpan.FromTicks((long)ticks);
    }

    private object Mark(Leased delivery, Attempt attempt, DateTimeOffset now)
    {
        var made = delivery.Attempts + 1;
        var status = attempt.Succeeded ? WebhookDeliveryStatus.Delivered
            : made >= options.MaxAttempts ? WebhookDeliveryStatus.Failed
            : WebhookDeliveryStatus.Pending;
        var labels = new KeyValuePair<string, object?>("service", database.Service);
        switch (status)
        {
            case WebhookDeliveryStatus.Delivered:
                Delivered.Add(1, labels);
                break;
            case WebhookDeliveryStatus.Failed:
                FailedForGood.Add(1, labels);
                logger.LogWarning("Webhook delivery {DeliveryId} failed after {Attempts} attempts: {Error}", delivery.DeliveryId, made, attempt.Error);
                break;
            default:
                Retried.Add(1, labels);
                break;
        }
        return new
        {
            id = delivery.Id,
            owner,
            status = status.ToString(),
            dueAt = (now + RetryDelay(options, made)).ToUnixTimeMilliseconds(),
            attemptedAt = attempt.At,
            statusCode = attempt.StatusCode,
            error = attempt.Error is { Length: > KeptErrorLength } error ? error[..KeptErrorLength] : attempt.Error,
            finishedAt = status == WebhookDeliveryStatus.Pending ? (DateTimeOffset?)null : now,
        };
    }

    private async Task<(IReadOnlyList<Leased> Batch, ILookup<Guid, Target> Targets)> LeaseAsync(int limit, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var batch = await tx.QueryAsync<Leased>(
            LeaseSqlOf(database.Dialect),
            new
            {
                owner,
                now = now.ToUnixTimeMilliseconds(),
                until = (now + options.Lease).ToUnixTimeMilliseconds(),
                batch = limit,
            },
            ct);
        var targets = new List<Target>();
        if (batch.Count > 0)
        {
            foreach (var ids in database.Dialect.GuidLists(batch.Select(d => d.SubscriptionId).Distinct()))
                targets.AddRange(await tx.QueryAsync<Target>(TargetsSql, new { ids, now }, ct));
        }
        await tx.CommitAsync(ct);
        return (batch, targets.ToLookup(t => t.SubscriptionId));
    }

    /// <summary>The attempt's outcome, or null when <paramref name="ct"/> ended it before an answer.</summary>
    private async Task<Attempt?> SendAsync(HttpClient http, Leased delivery, ILookup<Guid, Target> targets, CancellationToken ct)
    {
        var at = clock.GetUtcNow();
        var target = targets[delivery.SubscriptionId].ToList();
        if (target.Count == 0)
            return new Attempt(at, null, "The subscription has no valid secret.");

        using var request = new HttpRequestMessage(HttpMethod.Post, target[0].Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, delivery.DeliveryId);
        request.Headers.Add(WebhookSignature.TimestampHeader, WebhookSignature.Timestamp(at));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(target.Select(t => t.Secret), delivery.DeliveryId, at, delivery.Payload));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return new Attempt(at, code, null);
            return new Attempt(at, code, $"HTTP {code}: {await ReadStartAsync(response, timeout.Token)}".TrimEnd(' ', ':'));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return null;
        }
        catch (OperationCanceledException)
        {
            return new Attempt(at, null, $"No answer within {options.RequestTimeout.TotalSeconds:0.###} s.");
        }
        // Any other fault (a refused connection, a URL the handler cannot use) is a failed attempt of this delivery, so it
        // is retried and in the end marked failed, instead of failing the batch and holding its lease forever.
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "Webhook delivery {DeliveryId} to {Url} failed", delivery.DeliveryId, target[0].Url);
            return new Attempt(at, null, ex.InnerException?.Message ?? ex.Message);
        }
    }

    /// <summary>The first <see cref="KeptResponseBytes"/> of the answer, on one line; never the whole of a large one.</summary>
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            var buffer = new byte[KeptResponseBytes];
            var read = 0;
            while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is var n && n > 0)
                read += n;
            var text = Encoding.UTF8.GetString(buffer, 0, read);
            return new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }

    /// <summary>In one process (the embedded default) nobody else sends this database's deliveries: a crashed run's leases are released at once.</summary>
    private async Task ReleaseLeasesOfEarlierRunAsync(CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync(ReleaseLeasesSql, null, ct);
        await tx.CommitAsync(ct);
    }

    private sealed record Leased(long Id, string DeliveryId, Guid SubscriptionId, string Payload, int Attempts);

    private sealed record Target(Guid SubscriptionId, string Url, string Secret);

    private sealed record Attempt(DateTimeOffset At, int? StatusCode, string? Error)
    {
        public bool Succeeded => StatusCode is >= 200 and < 300;
    }
}
