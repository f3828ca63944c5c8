using Matching.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Platform.Notifications;

/// <summary>
/// Tells an operator that notifications do not reach people: Degraded while one has waited longer than
/// <see cref="NotificationOptions.StaleAfter"/> (its channel is down or not configured) or one failed within that time.
/// Degraded keeps the replica in service; the rows stay in <c>notifications</c> with their last error.
/// </summary>
internal sealed class NotificationHealthCheck(ServiceDatabase database, NotificationOptions options, TimeProvider clock) : IHealthCheck
{
    internal const string BacklogSql = """
        SELECT (SELECT COUNT(*) FROM notifications WHERE status = 'Queued' AND created_at < @staleBefore) AS Waiting,
               (SELECT COUNT(*) FROM notifications WHERE status = 'Failed' AND failed_at >= @staleBefore) AS Failed
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow() - options.StaleAfter;
        var backlog = await database.QuerySingleOrDefaultAsync<Backlog>(BacklogSql, new { staleBefore = since }, cancellationToken);
        if (backlog is not { } b || (b.Waiting == 0 && b.Failed == 0))
            return HealthCheckResult.Healthy();
        return HealthCheckResult.Degraded(
            $"{b.Waiting} notifications of {database.Service} have waited since before {since:O}; {b.Failed} failed since then.");
    }

    private sealed record Backlog(long Waiting, long Failed);
}
