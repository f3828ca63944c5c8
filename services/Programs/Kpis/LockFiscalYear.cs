using System.Text.Json;
using System.Text.Json.Serialization;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// Closes a fiscal year: its report as of 31 March is stored as published, and from then on the progress of that
/// year answers the published figures; corrections that arrive later (a voided consultation, a corrected actual)
/// are listed separately as "after publication" instead of changing what the council was given.
/// </summary>
internal static class LockFiscalYear
{
    internal const string InsertSql = """
        INSERT INTO kpi_year_locks (program, fiscal_year, locked_at, locked_by, report)
        VALUES (@program, @fiscalYear, @lockedAt, @lockedBy, @report)
        """;

    internal const string FindSql = """
        SELECT fiscal_year AS FiscalYear, locked_at AS LockedAt, locked_by AS LockedBy, report AS Report
          FROM kpi_year_locks WHERE program = @program AND fiscal_year = @fiscalYear
        """;

    public static readonly LocalizedText NotEnded = new(
        "確定できるのは終わった年度だけです（この年度は {0} まで）。", "Only a fiscal year that has ended can be locked (this one runs to {0}).");
    public static readonly LocalizedText AlreadyLocked = new("この年度は既に確定（公表）済みです。", "This fiscal year is locked (published) already.");

    public sealed record Lock(int FiscalYear, DateTimeOffset LockedAt, string LockedBy, string Report);

    public sealed record Response(int FiscalYear, DateTimeOffset LockedAt, string LockedBy);

    public static async Task<Results<Created<Response>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        string program, int fiscalYear, ServiceDatabase<ProgramsModule> database, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (fiscalYear is < Contracts.FiscalYear.MinStartYear or > Contracts.FiscalYear.MaxStartYear)
            return Problems.Invalid("fiscalYear", DefineKpi.YearRange);
        // A lock cannot be undone: a year still running would be published without its remaining months, for good.
        var year = new Contracts.FiscalYear(fiscalYear);
        var today = Matching.Contracts.JapanTime.Today(clock);
        if (today <= year.LastDay)
            return Problems.Invalid("fiscalYear", NotEnded.Format(year.LastDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        if (await FindAsync(database, program, fiscalYear, ct) is not null)
            return Problems.Conflict(AlreadyLocked);
        var report = (await GetKpiProgress.ComputeAsync(program, year, null, database, ct));
        var user = http.User.MatchingUser()!;
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync(InsertSql, new { program, fiscalYear, lockedAt = now, lockedBy = user.UserName, report = JsonSerializer.Serialize(report, MatchingJson.Options) }, ct);
        await AuditTrail.RecordAsync(tx, new AuditEntry("kpi-year-locked", program, user.Id, user.UserName, fiscalYear.ToString(System.Globalization.CultureInfo.InvariantCulture)), now, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/programs/{program}/kpis/progress?fiscalYear={fiscalYear}", new Response(fiscalYear, now, user.UserName));
    }

    public static Task<Lock?> FindAsync(ServiceDatabase database, string program, int fiscalYear, CancellationToken ct) =>
        database.QuerySingleOrDefaultAsync<Lock>(FindSql, new { program, fiscalYear }, ct);
}
