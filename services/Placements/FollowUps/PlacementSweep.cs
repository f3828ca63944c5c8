using Matching.Contracts;
using Matching.Contracts.Placements;
using Matching.Placements.Settings;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Matching.Placements.FollowUps;

internal sealed class PlacementOptions
{
    /// <summary>How often retention marks and overdue follow-ups are looked for.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    public static PlacementOptions From(IConfiguration configuration) =>
        configuration.GetSection("Matching:Placements").Get<PlacementOptions>() ?? new PlacementOptions();
}

/// <summary>
/// The daily facts nobody types: a placed person still employed at 6 and 12 months has reached a retention mark
/// (<see cref="RetentionReached"/>), and a follow-up past its due day that nobody recorded is overdue
/// (<see cref="FollowUpOverdue"/>, which tells the coordinator). One transaction each, a conditional update first, so
/// replicas sweeping at once publish each fact once.
/// </summary>
internal sealed class PlacementSweep(
    ServiceDatabase<PlacementsModule> database, PlacementOptions options, TimeProvider clock, ILogger<PlacementSweep> logger) : PeriodicSweep(clock, logger)
{
    // Placements whose marks are not all decided, started at least 6 months before (a few days of slack: the mark is computed in code).
    internal const string RetentionDueSql = """
        SELECT id AS Id, program AS Program, start_on AS StartOn, ended_on AS EndedOn, firm_id AS FirmId, employment_form AS EmploymentForm, turn AS Turn,
               municipality_code AS MunicipalityCode, industry AS Industry, retained_6_on AS Retained6On, retained_12_on AS Retained12On
          FROM placements
         WHERE retention_open = 1 AND status <> 'cancelled' AND start_on <= @cutoff
        """;

    internal const string CloseSql = "UPDATE placements SET retention_open = 0 WHERE id = @id";

    internal const string Mark6Sql = "UPDATE placements SET retained_6_on = @on WHERE id = @id AND retained_6_on IS NULL AND (ended_on IS NULL OR ended_on >= @on)";

    internal const string Mark12Sql = "UPDATE placements SET retained_12_on = @on WHERE id = @id AND retained_12_on IS NULL AND (ended_on IS NULL OR ended_on >= @on)";

    internal const string OverdueSql = """
        SELECT f.id AS Id, f.program AS Program, f.placement_id AS PlacementId, f.coordinator_user_id AS CoordinatorUserId, f.month AS Month,
               f.due_on AS DueOn, c.name AS CompanyName, n.role AS Role
          FROM follow_ups f
          JOIN placements p ON p.id = f.placement_id
          LEFT JOIN companies c ON c.id = p.company_id
          LEFT JOIN needs n ON n.id = p.need_id
         WHERE f.status = 'due' AND f.due_on < @today AND f.overdue_notified_at IS NULL
        """;

    internal const string NotifiedSql = "UPDATE follow_ups SET overdue_notified_at = @at WHERE id = @id AND overdue_notified_at IS NULL";

    private sealed class RetentionCandidate
    {
        public Guid Id { get; init; }
        public string Program { get; init; } = "";
        public DateOnly StartOn { get; init; }
        public DateOnly? EndedOn { get; init; }
        public Guid? FirmId { get; init; }
        public string EmploymentForm { get; init; } = "";
        public string? Turn { get; init; }
        public string? MunicipalityCode { get; init; }
        public string? Industry { get; init; }
        public DateOnly? Retained6On { get; init; }
        public DateOnly? Retained12On { get; init; }
    }

    private sealed class Overdue
    {
        public Guid Id { get; init; }
        public string Program { get; init; } = "";
        public Guid PlacementId { get; init; }
        public Guid? CoordinatorUserId { get; init; }
        public int Month { get; init; }
        public DateOnly DueOn { get; init; }
        public string? CompanyName { get; init; }
        public string? Role { get; init; }
    }

    protected override TimeSpan Interval => options.SweepInterval;

    protected override string Purpose => "retention marks and overdue follow-ups";

    /// <summary>Publishes every retention mark reached and every follow-up overdue; returns how many facts.</summary>
    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        var today = Days.Today(Clock);
        var published = 0;
        var due = await database.QueryAsync<RetentionCandidate>(RetentionDueSql,
            new { cutoff = today.AddMonths(-6).AddDays(3) }, ct);
        foreach (var p in due)
        {
            foreach (var months in Retention.Marks)
            {
                var mark = Retention.MarkOf(p.StartOn, months);
                var already = months == 6 ? p.Retained6On : p.Retained12On;
                if (already is not null || mark > today || (p.EndedOn is { } ended && ended < mark))
                    continue;
                await using var tx = await database.BeginAsync(ct);
                if (await tx.ExecuteAsync(months == 6 ? Mark6Sql : Mark12Sql, new { id = p.Id, on = mark }, ct) == 0)
                    continue;
                await tx.Outbox.AddAsync(new RetentionReached(EventIds.New(), p.Program, Clock.GetUtcNow(), p.Id, months, mark, p.FirmId, p.EmploymentForm,
                    p.Turn, p.MunicipalityCode, p.Industry), ct);
                await tx.CommitAsync(ct);
                published++;
            }
            if (Retention.Decided(p.StartOn, p.EndedOn, today))
            {
                await using var tx = await database.BeginAsync(ct);
                await tx.ExecuteAsync(CloseSql, new { id = p.Id }, ct);
                await tx.CommitAsync(ct);
            }
        }
        foreach (var f in await database.QueryAsync<Overdue>(OverdueSql, new { today }, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            var at = Clock.GetUtcNow();
            if (await tx.ExecuteAsync(NotifiedSql, new { id = f.Id, at }, ct) == 0)
                continue;
            await tx.Outbox.AddAsync(new FollowUpOverdue(EventIds.New(), f.Program, at, f.Id, f.PlacementId, f.CoordinatorUserId, f.Month, f.DueOn,
                f.CompanyName ?? "", f.Role ?? ""), ct);
            await tx.CommitAsync(ct);
            published++;
        }
        return published;
    }
}
