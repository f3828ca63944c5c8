using Matching.Contracts;
using Matching.Platform.Data;

namespace Matching.Programs.Kpis;

/// <summary>KPI definitions, their targets, hand-entered values, and the ledger counts behind counted KPIs.</summary>
internal static class KpiStore
{
    // The next position after the last, not the count: a KPI deleted leaves a gap that the next one must not fill twice.
    internal const string InsertDefinitionSql = """
        INSERT INTO kpi_definitions (program, code, name, name_en, unit, direction, source, counted_kind, baseline_e4, baseline_label, position, defined_at,
                                     filter_municipality, filter_prefecture, filter_industry, filter_coordinator, filter_employment_form)
        SELECT @program, @code, @name, @nameEn, @unit, @direction, @source, @countedKind, @baseline, @baselineLabel, COALESCE(MAX(position) + 1, 0), @definedAt,
               @fMunicipality, @fPrefecture, @fIndustry, @fCoordinator, @fEmploymentForm
          FROM kpi_definitions WHERE program = @program
        """;

    internal const string InsertTargetSql = """
        INSERT INTO kpi_targets (program, code, seq, kind, from_year, to_year, value_e4)
        VALUES (@program, @code, @seq, @kind, @fromYear, @toYear, @value)
        """;

    internal const string DefinitionsSql = """
        SELECT code AS Code, name AS Name, name_en AS NameEn, unit AS Unit, direction AS Direction, source AS Source,
               counted_kind AS CountedKind, baseline_e4 AS Baseline, baseline_label AS BaselineLabel,
               filter_municipality AS FMunicipality, filter_prefecture AS FPrefecture, filter_industry AS FIndustry,
               filter_coordinator AS FCoordinator, filter_employment_form AS FEmploymentForm
          FROM kpi_definitions WHERE program = @program AND (@code IS NULL OR code = @code) ORDER BY position
        """;

    internal const string TargetsSql = """
        SELECT code AS Code, kind AS Kind, from_year AS FromYear, to_year AS ToYear, value_e4 AS Value
          FROM kpi_targets WHERE program = @program AND (@code IS NULL OR code = @code) ORDER BY code, seq
        """;

    internal const string InsertEntrySql = """
        INSERT INTO kpi_entries (program, code, kind, fiscal_year, value_e4, note, entered_by, entered_by_id, entered_at)
        VALUES (@program, @code, @kind, @fiscalYear, @value, @note, @enteredBy, @enteredById, @enteredAt)
        """;

    internal const string EntriesSql = """
        SELECT id AS Id, code AS Code, kind AS Kind, fiscal_year AS FiscalYear, value_e4 AS Value, note AS Note,
               entered_by AS EnteredBy, entered_at AS EnteredAt, entered_by_id AS EnteredById
          FROM kpi_entries WHERE program = @program AND (@code IS NULL OR code = @code) ORDER BY id
        """;



    private sealed record DefinitionRow(string Code, string Name, string? NameEn, string Unit, string Direction, string Source,
        string? CountedKind, long? Baseline, string? BaselineLabel, string? FMunicipality, string? FPrefecture, string? FIndustry,
        string? FCoordinator, string? FEmploymentForm)
    {
        public CountedFilter? Filter =>
            new CountedFilter(FMunicipality, FPrefecture, FIndustry, FCoordinator, FEmploymentForm) is { IsEmpty: false } f ? f : null;
    }

    private sealed record TargetRow(string Code, string Kind, int FromYear, int ToYear, long? Value);

    public sealed record Entry(long Id, string Code, string Kind, int FiscalYear, long Value, string? Note, string EnteredBy, DateTimeOffset EnteredAt, Guid? EnteredById)
    {
        public decimal Amount => Scaled.FromStored(Value);
    }

    public static async Task InsertAsync(DatabaseTransaction tx, string program, KpiDefinition d, DateTimeOffset definedAt, CancellationToken ct)
    {
        await tx.ExecuteAsync(InsertDefinitionSql, new
        {
            program, code = d.Code, name = d.Name, nameEn = d.NameEn, unit = d.Unit, direction = Name(d.Direction), source = Name(d.Source),
            countedKind = d.CountedKind, baseline = d.Baseline is { } b ? Scaled.ToStored(b) : (long?)null, baselineLabel = d.BaselineLabel, definedAt,
            fMunicipality = d.Filter?.MunicipalityCode, fPrefecture = d.Filter?.PrefectureCode, fIndustry = d.Filter?.Industry,
            fCoordinator = d.Filter?.Coordinator, fEmploymentForm = d.Filter?.EmploymentForm,
        }, ct);
        for (var i = 0; i < d.Targets.Count; i++)
        {
            var t = d.Targets[i];
            await tx.ExecuteAsync(InsertTargetSql, new
            {
                program, code = d.Code, seq = i, kind = Name(t.Kind), fromYear = t.From, toYear = t.To,
                value = t.Value is { } v ? Scaled.ToStored(v) : (long?)null,
            }, ct);
        }
    }

    /// <summary>The program's KPIs, or the one named <paramref name="code"/>.</summary>
    public static async Task<IReadOnlyList<KpiDefinition>> DefinitionsAsync(ServiceDatabase database, string program, CancellationToken ct, string? code = null)
    {
        var rows = await database.QueryAsync<DefinitionRow>(DefinitionsSql, new { program, code }, ct);
        var targets = (await database.QueryAsync<TargetRow>(TargetsSql, new { program, code }, ct)).ToLookup(t => t.Code);
        return [.. rows.Select(r => new KpiDefinition(
            r.Code, r.Name, r.NameEn, r.Unit, Parse<KpiDirection>(r.Direction), Parse<KpiSource>(r.Source), r.CountedKind,
            r.Baseline is { } b ? Scaled.FromStored(b) : null, r.BaselineLabel,
            [.. targets[r.Code].Select(t => Target(t))], r.Filter))];
    }

    /// <summary>The program's entered values, oldest first, or those of the KPI named <paramref name="code"/>.</summary>
    public static Task<IReadOnlyList<Entry>> EntriesAsync(ServiceDatabase database, string program, CancellationToken ct, string? code = null) =>
        database.QueryAsync<Entry>(EntriesSql, new { program, code }, ct);


    private static KpiTarget Target(TargetRow t)
    {
        var kind = Parse<TargetKind>(t.Kind);
        var value = t.Value is { } v ? Scaled.FromStored(v) : (decimal?)null;
        return kind == TargetKind.Cumulative
            ? new KpiTarget(kind, null, t.FromYear, t.ToYear, value)
            : new KpiTarget(kind, t.FromYear, null, null, value);
    }

    public static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static T Parse<T>(string text) where T : struct, Enum => Enum.Parse<T>(text, ignoreCase: true);

    public static DateOnly CutOff(FiscalYear year, FiscalYear selected, DateOnly asOf) => year == selected ? asOf : year.LastDay;
}
