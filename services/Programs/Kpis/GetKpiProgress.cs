using Matching.Contracts;
using Matching.Platform.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// Where the program stands against its plan for a fiscal year, as of a date (default 31 March, the published
/// cut-off): for every KPI, one line per target — year by year and cumulative, like the plans' tables — with the
/// actual, the target and the progress by the published rule.
/// </summary>
internal static class GetKpiProgress
{
    public sealed record Line(
        TargetKind Kind, int FromFiscalYear, int ToFiscalYear, string Label, decimal? Target, decimal? Actual, decimal? Progress, string ProgressText);

    /// <summary><see cref="Months"/>: the selected year's monthly counts up to the as-of date (counted KPIs only).</summary>
    public sealed record Kpi(string Code, string Name, string? NameEn, string Unit, KpiDirection Direction, KpiSource Source,
        decimal? Baseline, string? BaselineLabel, IReadOnlyList<Line> Lines, IReadOnlyList<MonthCount>? Months)
    {
        public string? CountedKind { get; init; }

        public CountedFilter? Filter { get; init; }
    }

    /// <summary>When the year is locked: who published it, when.</summary>
    public sealed record Publication(DateTimeOffset LockedAt, string LockedBy);

    /// <summary>A line whose figures changed after the year was published.</summary>
    public sealed record Correction(string Code, string Label, decimal? PublishedActual, decimal? Actual, string PublishedProgressText, string ProgressText)
    {
        /// <summary>The line's target, so a client can name it in its own language as it names the report's lines.</summary>
        public TargetKind Kind { get; init; }

        public int FromFiscalYear { get; init; }

        public int ToFiscalYear { get; init; }
    }

    public sealed record Response(string Program, int FiscalYear, string FiscalYearName, DateOnly AsOf, IReadOnlyList<Kpi> Kpis)
    {
        public Publication? Published { get; init; }

        public IReadOnlyList<Correction> AfterPublication { get; init; } = [];
    }

    /// <summary>
    /// The report; for a locked year without an as-of date, the published figures, with later changes listed apart.
    /// </summary>
    public static async Task<Ok<Response>> HandleAsync(
        string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var year = new FiscalYear(request.FiscalYear!.Value);
        var current = await ComputeAsync(program, year, request.AsOf, database, ct);
        if (request.AsOf is not null || await LockFiscalYear.FindAsync(database, program, year.StartYear, ct) is not { } locked)
            return TypedResults.Ok(current);
        var published = System.Text.Json.JsonSerializer.Deserialize<Response>(locked.Report, Matching.Platform.Http.MatchingJson.Options)!;
        var corrections = new List<Correction>();
        foreach (var kpi in current.Kpis)
        {
            var before = published.Kpis.FirstOrDefault(k => k.Code == kpi.Code);
            for (var i = 0; i < kpi.Lines.Count; i++)
            {
                var then = before is not null && i < before.Lines.Count ? before.Lines[i] : null;
                var now = kpi.Lines[i];
                if (then is null || then.Actual != now.Actual || then.Target != now.Target)
                    corrections.Add(new Correction(kpi.Code, now.Label, then?.Actual, now.Actual, then?.ProgressText ?? "-", now.ProgressText)
                    {
                        Kind = now.Kind, FromFiscalYear = now.FromFiscalYear, ToFiscalYear = now.ToFiscalYear,
                    });
            }
        }
        return TypedResults.Ok(published with { Published = new Publication(locked.LockedAt, locked.LockedBy), AfterPublication = corrections });
    }

    public static async Task<Response> ComputeAsync(string program, FiscalYear selected, DateOnly? requestedAsOf, ServiceDatabase database, CancellationToken ct)
    {
        var asOf = requestedAsOf is { } d && d < selected.LastDay ? d : selected.LastDay;
        var definitions = await KpiStore.DefinitionsAsync(database, program, ct);
        var entries = await KpiStore.EntriesAsync(database, program, ct);
        // The latest entry of each (KPI, kind, year) counts; earlier ones are history.
        var latest = entries.GroupBy(e => (e.Code, e.Kind, e.FiscalYear)).ToDictionary(g => g.Key, g => g.Last().Amount);
        var counts = new Dictionary<(string Kind, CountedFilter? Filter, int Year), long>();

        var kpis = new List<Kpi>();
        foreach (var definition in definitions)
        {
            var entered = definition.Source == KpiSource.Entered ? new EnteredActuals(definition, entries) : null;

            async Task<decimal?> ActualAsync(int year)
            {
                if (year > selected.StartYear)
                    return null;
                if (entered is not null)
                    return entered.Year(year);
                var fiscalYear = new FiscalYear(year);
                if (!counts.TryGetValue((definition.CountedKind!, definition.Filter, year), out var count))
                {
                    count = await KpiLedger.CountAsync(
                        database, program, definition.CountedKind!, fiscalYear.FirstDay, KpiStore.CutOff(fiscalYear, selected, asOf), ct, definition.Filter);
                    counts[(definition.CountedKind!, definition.Filter, year)] = count;
                }
                return count;
            }

            var lines = new List<Line>();
            foreach (var target in definition.Targets)
            {
                decimal? actual;
                decimal? goal;
                if (target.Kind == TargetKind.Cumulative && entered is not null)
                {
                    // An entered running total (累計) stands for the years before it even where they were not entered one by one.
                    actual = target.From > selected.StartYear ? null : entered.Span(target.From, Math.Min(target.To, selected.StartYear));
                    goal = target.Value;
                }
                else if (target.Kind == TargetKind.Cumulative)
                {
                    actual = 0;
                    if (target.From > selected.StartYear)
                        actual = null;
                    for (var year = target.From; actual is not null && year <= Math.Min(target.To, selected.StartYear); year++)
                        actual = await ActualAsync(year) is { } v ? actual + v : null;
                    goal = target.Value;
                }
                else
                {
                    actual = await ActualAsync(target.From);
                    goal = target.Kind switch
                    {
                        TargetKind.AtLeastBaseline => definition.Baseline,
                        TargetKind.Reference => latest.TryGetValue((definition.Code, EnterKpiValue.Reference, target.From), out var r) ? r : null,
                        _ => target.Value,
                    };
                }
                var progress = ProgressRule.Percent(definition.Direction, actual, goal, definition.Baseline);
                lines.Add(new Line(target.Kind, target.From, target.To, Label(target), goal, actual, progress, ProgressRule.Display(progress)));
            }
            var months = definition.Source == KpiSource.Counted
                ? await KpiLedger.MonthsAsync(database, program, definition.CountedKind!, selected.FirstDay, asOf, ct, definition.Filter)
                : null;
            kpis.Add(new Kpi(definition.Code, definition.Name, definition.NameEn, definition.Unit, definition.Direction, definition.Source,
                definition.Baseline, definition.BaselineLabel, lines, months) { CountedKind = definition.CountedKind, Filter = definition.Filter });
        }
        return new Response(program, selected.StartYear, selected.JapaneseName, asOf, kpis);
    }

    /// <summary>The column heading of the plans: 平成29年度 増加分, KPI増加分の累計（平成29〜31年度）…</summary>
    private static string Label(KpiTarget target) =>
        Matching.Contracts.Programs.KpiLineLabel.Of(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(target.Kind.ToString()), target.From, target.To, english: false);
}
