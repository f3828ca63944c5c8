using System.Diagnostics.Metrics;
using Matching.Platform.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Platform.Notifications;

/// <summary>
/// Sends a service's committed notifications through their channels and marks them sent. Each replica leases a batch
/// and renews the lease of each notification just before sending it, so two replicas do not send the same one; a lease
/// that outlives its replica expires and another replica sends it. A failed send is retried with a doubling delay and
/// after <see cref="NotificationOptions.MaxAttempts"/> (or at once, when the channel refuses it for good) the
/// notification is marked failed, where an operator sees it. Delivery is at least once: a send accepted just as the
/// replica died is sent again, with the same message id (e-mail's Message-ID) so it can be recognised.
/// Notifications of a channel that is not registered are not leased: they stay queued.
/// </summary>
public sealed class NotificationDispatcher(
    ServiceDatabase database,
    IEnumerable<INotificationChannel> channels,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Matching.Notifications");
    private static readonly Counter<long> Sent = Meter.CreateCounter<long>("matching.notifications.sent");
    private static readonly Counter<long> Retried = Meter.CreateCounter<long>("matching.notifications.retried");
    private static readonly Counter<long> FailedForGood = Meter.CreateCounter<long>("matching.notifications.failed");

    private readonly Dictionary<string, INotificationChannel> channelsByName = channels.ToDictionary(c => c.Name, StringComparer.Ordinal);

    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    internal const string RenewLeaseSql = """
        UPDATE notifications
           SET lock_owner = @owner, locked_until = @until
         WHERE id = @id AND lock_owner = @owner AND status = 'Queued'
        """;

    internal const string MarkSentSql = """
        UPDATE notifications
           SET status = 'Sent', sent_at = @at, attempts = attempts + 1, last_error = NULL, lock_owner = NULL, locked_until = NULL
         WHERE id = @id AND lock_owner = @owner
        """;

    // The lease stays ours until the retry is due: nobody, this replica included, offers it earlier.
    internal const string RetryLaterSql = """
        UPDATE notifications
           SET attempts = attempts + 1, last_error = @error, locked_until = @retryAt
         WHERE id = @id AND lock_owner = @owner
        """;

    internal const string MarkFailedSql = """
        UPDATE notifications
           SET status = 'Failed', failed_at = @at, attempts = attempts + 1, last_error = @error, lock_owner = NULL, locked_until = NULL
         WHERE id = @id AND lock_owner = @owner
        """;

    internal const string ReleaseSql = """
        UPDATE notifications
           SET lock_owner = NULL, locked_until = NULL
         WHERE id IN @ids AND lock_owner = @owner AND status = 'Queued'
        """;

    internal const string WaitingByChannelSql = """
        SELECT channel AS Channel, COUNT(*) AS Waiting
          FROM notifications
         WHERE status = 'Queued'
         GROUP BY channel
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await WarnOfUnconfiguredChannelsAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Queued notifications of {Service} could not be counted", database.Service);
        }
        if (channelsByName.Count == 0)
            return;

        while (!stoppingToken.IsCancellationRequested)
        {
            var leased = 0;
            try
            {
                leased = await DispatchBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Notification dispatch of {Service} failed; retrying", database.Service);
            }
            if (leased < options.BatchSize)
                await Task.Delay(options.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// Leases a batch and sends it. A stop request ends the batch after the notification being sent (a send is never cut
    /// off halfway, which would send it twice) and hands the rest back at once. Returns how many were leased.
    /// </summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        if (channelsByName.Count == 0)
            return 0;
        var batch = await LeaseAsync(ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (ct.IsCancellationRequested)
            {
                await ExecuteAsync(ReleaseSql, new { ids = batch.Skip(i).Select(n => n.Id).ToList(), owner });
                break;
            }
            await SendAsync(batch[i]);
        }
        return batch.Count;
    }

    private async Task SendAsync(QueuedNotification notification)
    {
        // Renewed so the lease outlasts this send even when the batch took long, and skipped when another replica has it.
        if (await ExecuteAsync(RenewLeaseSql, new { id = notification.Id, owner, until = UnixMs(clock.GetUtcNow() + options.Lease) }) == 0)
            return;

        var tags = new KeyValuePair<string, object?>[] { new("service", database.Service), new("channel", notification.Channel) };
        try
        {
            using var timeout = new CancellationTokenSource(options.SendTimeout, clock);
            await channelsByName[notification.Channel].SendAsync(notification, timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            var attempts = notification.Attempts + 1;
            var error = Truncate($"{ex.GetType().Name}: {ex.Message}");
            if (ex is NotificationRejectedException || attempts >= options.MaxAttempts)
            {
                await ExecuteAsync(MarkFailedSql, new { id = notification.Id, owner, at = clock.GetUtcNow(), error });
                FailedForGood.Add(1, tags);
                logger.LogError(ex, "Notification {NotificationId} of {Service} through {Channel} failed after {Attempts} attempts; it is marked failed",
                    notification.NotificationId, database.Service, notification.Channel, attempts);
            }
            else
            {
                var retryAt = clock.GetUtcNow() + RetryDelay(options, notification.Attempts);
                await ExecuteAsync(RetryLaterSql, new { id = notification.Id, owner, retryAt = UnixMs(retryAt), error });
                Retried.Add(1, tags);
                logger.LogWarning(ex, "Notification {NotificationId} of {Service} through {Channel} could not be sent (attempt {Attempts}); retrying at {RetryAt}",
                    notification.NotificationId, database.Service, notification.Channel, attempts, retryAt);
            }
            return;
        }
        await ExecuteAsync(MarkSentSql, new { id = notification.Id, owner, at = clock.GetUtcNow() });
        Sent.Add(1, tags);
    }

    /// <summary>RetryDelay doubled per earlier failed attempt, at most <see cref="NotificationOptions.MaxRetryDelay"/>.</summary>
    internal static TimeSpan RetryDelay(NotificationOptions options, int earlierAttempts) =>
        TimeSpan.FromTicks(Math.Min(options.RetryDelay.Ticks << Math.Min(earlierAttempts, 16), options.MaxRetryDelay.Ticks));

    private async Task<IReadOnlyList<QueuedNotification>> LeaseAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        var batch = await tx.QueryAsync<QueuedNotification>(
            LeaseSqlOf(database.Dialect),
            new
            {
                owner,
                now = UnixMs(now),
                until = UnixMs(now + options.Lease),
                batch = options.BatchSize,
                channels = channelsByName.Keys.ToList(),
            },
            ct);
        await tx.CommitAsync(ct);
        return batch.OrderBy(n => n.Id).ToList();
    }

    /// <summary>What a send did is recorded even while the service stops: the send itself cannot be undone.</summary>
    private async Task<int> ExecuteAsync(string sql, object parameters)
    {
        await using var tx = await database.BeginAsync(CancellationToken.None);
        var rows = await tx.ExecuteAsync(sql, parameters, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return rows;
    }

    /// <summary>The product makes no outbound call it was not configured for: queued notifications of such a channel wait, visibly.</summary>
    private async Task WarnOfUnconfiguredChannelsAsync(CancellationToken ct)
    {
        var waiting = await database.QueryAsync<(string Channel, long Waiting)>(WaitingByChannelSql, null, ct);
        foreach (var (channel, count) in waiting.Where(w => !channelsByName.ContainsKey(w.Channel)))
        {
            logger.LogWarning("{Count} notifications of {Service} wait for the channel {Channel}, which is not configured (e-mail: Matching:Mail:Host)",
                count, database.Service, channel);
        }
    }

    private static long UnixMs(DateTimeOffset at) => at.ToUnixTimeMilliseconds();

    private static string Truncate(string error) => error.Length <= 1000 ? error : error[..1000];

    // Not named *Sql: the SQLite text must not be taken for T-SQL by the script tests, which parse LeaseSqlOf(SqlServer).
    internal static string LeaseSqlOf(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? LeaseOnSqlServer : LeaseOnSqlite;

    private const string LeaseOnSqlite = """
        UPDATE notifications
           SET lock_owner = @owner, locked_until = @until
         WHERE id IN (SELECT id
                        FROM notifications
                       WHERE status = 'Queued'
                         AND channel IN @channels
                         AND (locked_until IS NULL OR locked_until < @now)
                       ORDER BY id
                       LIMIT @batch)
        RETURNING id AS Id, notification_id AS NotificationId, program AS Program, channel AS Channel, recipient AS Recipient,
                  subject AS Subject, body AS Body, link AS Link, attempts AS Attempts
        """;

    // READPAST skips rows another replica holds, UPDLOCK keeps ours until commit.
    private const string LeaseOnSqlServer = """
        WITH batch AS (
            SELECT TOP (@batch) id, notification_id, program, channel, recipient, subject, body, link, attempts, lock_owner, locked_until
              FROM notifications WITH (ROWLOCK, UPDLOCK, READPAST)
             WHERE status = 'Queued'
               AND channel IN @channels
               AND (locked_until IS NULL OR locked_until < @now)
             ORDER BY id)
        UPDATE batch
           SET lock_owner = @owner, locked_until = @until
        OUTPUT inserted.id AS Id, inserted.notification_id AS NotificationId, inserted.program AS Program, inserted.channel AS Channel,
               inserted.recipient AS Recipient, inserted.subject AS Subject, inserted.body AS Body, inserted.link AS Link,
               inserted.attempts AS Attempts;
        """;
}
