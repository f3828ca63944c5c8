using FluentValidation;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// A value entered by hand for a fiscal year: the actual of a KPI the system does not count (e.g. people who moved
/// in), or a reference target known only later (e.g. the national average). Each entry keeps who (the account and
/// the display name as it was) and when; a new
/// entry for the same year supersedes the old one, which stays in the history.
/// </summary>
internal static class EnterKpiValue
{
    public const string Actual = "actual";
    public const string Reference = "reference";

    /// <summary>累計: the running total from the plan's first fiscal year to the end of this one, as plans that publish cumulative figures give it.</summary>
    public const string Total = "total";

    public sealed record Request(decimal? Value, [property: MultiLine] string? Note);

    public sealed record Response(long Id, string Code, string Kind, int FiscalYear, decimal Value, string? Note, string EnteredBy, DateTimeOffset EnteredAt, Guid? EnteredById);

    public static readonly LocalizedText ValueLabel = new("値", "Value");
    public static readonly LocalizedText UnknownKpi = new("この指標は定義されていません。", "This KPI is not defined.");
    public static readonly LocalizedText CountedKpi = new(
        "この指標の実績はイベントから数えるため、手入力できません。", "This KPI is counted from events; its actual cannot be entered.");
    public static readonly LocalizedText TotalOutsidePlan = new(
        "累計は計画の年度（{0}〜{1}年度）について入力してください。", "A running total is entered for a fiscal year of the plan ({0} to {1}).");
    public static readonly LocalizedText NoReferenceTarget = new(
        "この指標にはこの年度の参照値の目標がありません。", "This KPI has no reference target in this fiscal year.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Value).NotNull().Label(ValueLabel).Must(v => Scaled.Fits(v!.Value)).Message(DefineKpi.ValueScale);
            RuleFor(r => r.Note).MaximumLength(1000);
        }
    }

    public static Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> ActualAsync(
        string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct) => EnterAsync(Actual, program, code, fiscalYear, request, database, http, clock, ct);

    public static Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> ReferenceAsync(
        string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct) => EnterAsync(Reference, program, code, fiscalYear, request, database, http, clock, ct);

    /// <summary>The running total to date (累計) instead of the year's increase: the year's actual is what it adds to the years before.</summary>
    public static Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> TotalAsync(
        string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct) => EnterAsync(Total, program, code, fiscalYear, request, database, http, clock, ct);

    private static async Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> EnterAsync(
        string kind, string program, string code, int fiscalYear, Request request, ServiceDatabase<ProgramsModule> database, HttpContext http,
        TimeProvider clock, CancellationToken ct)
    {
        if (fiscalYear is < Contracts.FiscalYear.MinStartYear or > Contracts.FiscalYear.MaxStartYear)
            return Problems.Invalid("fiscalYear", DefineKpi.YearRange);
        var definition = (await KpiStore.DefinitionsAsync(database, program, ct, code)).SingleOrDefault();
        if (definition is null)
            return Problems.NotFound(UnknownKpi);
        if (kind is Actual or Total && definition.Source == KpiSource.Counted)
            return Problems.Invalid("value", CountedKpi);
        if (kind == Total && EnteredActuals.PlanYears(definition) is var (first, last) && (fiscalYear < first || fiscalYear > last))
            return Problems.Invalid("fiscalYear", TotalOutsidePlan.Format(
                first.ToString(System.Globalization.CultureInfo.InvariantCulture), last.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (kind == Reference && !definition.Targets.Any(t => t.Kind == TargetKind.Reference && t.From <= fiscalYear && fiscalYear <= t.To))
            return Problems.Invalid("fiscalYear", NoReferenceTarget);

        var user = http.User.MatchingUser()!;
        var now = clock.GetUtcNow();
        await using var tx = await database.BeginAsync(ct);
        await tx.ExecuteAsync(KpiStore.InsertEntrySql, new
        {
            program, code, kind, fiscalYear, value = Scaled.ToStored(request.Value!.Value), note = request.Note, enteredBy = user.DisplayName, enteredById = user.Id, enteredAt = now,
        }, ct);
        var id = await tx.ExecuteScalarAsync<long>("SELECT MAX(id) FROM kpi_entries WHERE program = @program AND code = @code", new { program, code }, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new Response(id, code, kind, fiscalYear, request.Value!.Value, request.Note, user.DisplayName, now, user.Id));
    }

    /// <summary>Every entry of one KPI, oldest first: the history of changes.</summary>
    public static async Task<Results<Ok<IReadOnlyList<Response>>, ProblemHttpResult>> HistoryAsync(
        string program, string code, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        if ((await KpiStore.DefinitionsAsync(database, program, ct, code)).Count == 0)
            return Problems.NotFound(UnknownKpi);
        var entries = await KpiStore.EntriesAsync(database, program, ct, code);
        return TypedResults.Ok<IReadOnlyList<Response>>([.. entries
            .Select(e => new Response(e.Id, e.Code, e.Kind, e.FiscalYear, e.Amount, e.Note, e.EnteredBy, e.EnteredAt, e.EnteredById))]);
    }
}

/// <summary>
/// The actuals of an entered KPI year by year and as running totals from the plan's first fiscal year (its earliest
/// target). For each year the latest entry decides, an actual (the year's increase) or a total (累計 to date); the one
/// derives the other from the years before. A year with no entry is not entered: neither it nor a total that would need
/// it is known (never taken as zero).
/// </summary>
internal sealed class EnteredActuals
{
    private readonly int firstYear;
    private readonly Dictionary<int, decimal> years = [];
    private readonly Dictionary<int, decimal> totals = [];

    public EnteredActuals(KpiDefinition definition, IEnumerable<KpiStore.Entry> entries)
    {
        (firstYear, var lastYear) = PlanYears(definition);
        var decisive = entries.Where(e => e.Code == definition.Code && e.Kind is EnterKpiValue.Actual or EnterKpiValue.Total)
            .GroupBy(e => e.FiscalYear).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Id)!);
        decimal? running = 0;
        for (var year = firstYear; year <= lastYear; year++)
        {
            decimal? actual = null;
            decimal? total = null;
            if (decisive.TryGetValue(year, out var entry))
            {
                (actual, total) = entry.Kind == EnterKpiValue.Actual
                    ? ((decimal?)entry.Amount, running + entry.Amount)
                    : (entry.Amount - running, (decimal?)entry.Amount);
            }
            if (actual is { } a)
                years[year] = a;
            if (total is { } t)
                totals[year] = t;
            running = total;
        }
    }

    /// <summary>The fiscal years of the plan: from the earliest target's first year to the latest one's last.</summary>
    public static (int First, int Last) PlanYears(KpiDefinition definition) =>
        definition.Targets.Count == 0 ? (0, -1) : (definition.Targets.Min(t => t.From), definition.Targets.Max(t => t.To));

    /// <summary>What the year added, or null where it is not known.</summary>
    public decimal? Year(int year) => years.TryGetValue(year, out var v) ? v : null;

    /// <summary>The increase from the start of <paramref name="from"/> to the end of <paramref name="to"/>, or null where not known.</summary>
    public decimal? Span(int from, int to) => RunningTotal(to) - RunningTotal(from - 1) ?? Sum(from, to);

    /// <summary>The years' actuals added up: a span that starts after a year not entered is still known from its own years.</summary>
    private decimal? Sum(int from, int to)
    {
        decimal? sum = 0;
        for (var year = from; sum is not null && year <= to; year++)
            sum += Year(year);
        return sum;
    }

    private decimal? RunningTotal(int year) => year < firstYear ? 0 : totals.TryGetValue(year, out var v) ? v : null;
}
