using Matching.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Platform.Messaging;

/// <summary>
/// Tells an operator that events are not leaving a service (broker unreachable, a poison message): Degraded when the
/// oldest unsent event is older than <see cref="OutboxOptions.StaleAfter"/>. Degraded keeps the replica in service;
/// the outbox keeps the events until they can be published.
/// </summary>
internal sealed class OutboxHealthCheck(ServiceDatabase database, OutboxOptions options, TimeProvider clock) : IHealthCheck
{
    internal const string BacklogSql = "SELECT COUNT(*) AS Count, MIN(created_at) AS Oldest FROM outbox_messages WHERE sent_at IS NULL";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await database.QuerySingleOrDefaultAsync<Backlog>(BacklogSql, null, cancellationToken);
        if (backlog is not { Count: > 0, Oldest: { } oldest })
            return HealthCheckResult.Healthy();
        var waiting = clock.GetUtcNow() - oldest;
        var description = $"{backlog.Count} events of {database.Service} wait to be published; the oldest since {oldest:O}.";
        return waiting > options.StaleAfter ? HealthCheckResult.Degraded(description) : HealthCheckResult.Healthy(description);
    }

    private sealed record Backlog(int Count, DateTimeOffset? Oldest);
}
