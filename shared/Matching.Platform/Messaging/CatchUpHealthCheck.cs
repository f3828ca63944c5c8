using System.Globalization;
using Matching.Platform.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Platform.Messaging;

/// <summary>
/// Degraded while the service catches up (a publisher it asked has not answered yet): it serves, but its copies and
/// counts may still lack history. The description says which publishers answered, with how many events, and which not.
/// Publishing replays to others is reported too, without degrading.
/// </summary>
internal sealed class CatchUpHealthCheck(ServiceDatabase database) : IHealthCheck
{
    internal const string OpenSql = """
        SELECT a.request_id AS RequestId, c.reason AS Reason, c.requested_at AS RequestedAt, a.publisher AS Publisher, a.replayed AS Replayed, a.answered_at AS AnsweredAt, a.drained_at AS DrainedAt
          FROM catch_up_answers a JOIN catch_ups c ON c.request_id = a.request_id
         WHERE c.finished_at IS NULL
         ORDER BY c.requested_at, a.publisher
        """;

    internal const string ReplayingSql = """
        SELECT service AS Service, replayed AS Replayed, until_id - position AS Remaining FROM history_replays WHERE finished_at IS NULL ORDER BY requested_at
        """;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var open = await database.QueryAsync<Answer>(OpenSql, null, cancellationToken);
        var replaying = await database.QueryAsync<Replaying>(ReplayingSql, null, cancellationToken);
        var replays = replaying.Select(r => string.Create(CultureInfo.InvariantCulture, $"replaying to {r.Service}: {r.Replayed} sent, at most {r.Remaining} to go")).ToList();
        var waiting = open.Where(a => a.DrainedAt is null).ToList();
        if (waiting.Count == 0)
            return replays.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Healthy(string.Join("; ", replays));
        var progress = open.GroupBy(a => a.RequestId).Select(g =>
        {
            var first = g.First();
            var answered = g.Where(a => a.AnsweredAt is not null).Select(a => string.Create(CultureInfo.InvariantCulture,
                $"{a.Publisher} replayed {a.Replayed} events{(a.DrainedAt is null ? " (still being consumed)" : "")}"));
            var pending = g.Where(a => a.AnsweredAt is null).Select(a => a.Publisher).ToList();
            return string.Create(CultureInfo.InvariantCulture,
                $"{database.Service} catches up ({first.Reason}, asked at {first.RequestedAt:O}): {string.Join(", ", answered.DefaultIfEmpty("no answer yet"))}{(pending.Count > 0 ? $"; waiting for {string.Join(", ", pending)}" : "")}");
        });
        return HealthCheckResult.Degraded(string.Join("; ", progress.Concat(replays)));
    }

    private sealed class Answer
    {
        public Guid RequestId { get; init; }

        public string Reason { get; init; } = "";

        public DateTimeOffset RequestedAt { get; init; }

        public string Publisher { get; init; } = "";

        public long? Replayed { get; init; }

        public DateTimeOffset? AnsweredAt { get; init; }

        public DateTimeOffset? DrainedAt { get; init; }
    }

    private sealed class Replaying
    {
        public string Service { get; init; } = "";

        public long Replayed { get; init; }

        public long Remaining { get; init; }
    }
}
