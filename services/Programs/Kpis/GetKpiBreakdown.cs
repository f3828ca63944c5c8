using System.Globalization;
using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// 内訳 — a counted KPI's actual of a fiscal year (up to an as-of date) broken down by the company's municipality, its
/// industry (JSIC division), or the main coordinator, read from the ledger rows behind the number; unknown is a row too,
/// so the rows always add up to the KPI's actual.
/// </summary>
internal static class GetKpiBreakdown
{
    public sealed record Request(int? FiscalYear, DateOnly? AsOf, bool AsOfGiven, string? By)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            int? year = int.TryParse(query["fiscalYear"], CultureInfo.InvariantCulture, out var y) ? y : null;
            DateOnly? asOf = DateOnly.TryParseExact(query["asOf"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
            return ValueTask.FromResult<Request?>(new Request(year, asOf, query["asOf"].ToString().Length > 0, query.Text("by")));
        }
    }

    /// <param name="AsMain">By coordinator: of <paramref name="Count"/>, the facts where they were the main coordinator (the rest as sub).</param>
    public sealed record Row(string? Key, string Label, long Count, long? AsMain = null);

    /// <param name="CountedKind">What the KPI counts, so a client offers the axes its facts carry.</param>
    /// <param name="Filtered">Whether the KPI counts only some facts of its kind (its filter).</param>
    public sealed record Response(
        string Code, string Name, int FiscalYear, string FiscalYearName, DateOnly AsOf, string By, long Total, IReadOnlyList<Row> Rows,
        string CountedKind, bool Filtered);

    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["municipality"] = "municipality_code",
        ["prefecture"] = "prefecture_code",
        ["industry"] = "industry",
        ["coordinator"] = "coordinator",
        ["employmentForm"] = "employment_form",
        ["firm"] = "firm",
        ["turn"] = "turn",
    };

    /// <summary>U・I・Jターン as the turn breakdown shows it.</summary>
    public static readonly IReadOnlyDictionary<string, LocalizedText> TurnLabels = new Dictionary<string, LocalizedText>(StringComparer.Ordinal)
    {
        ["u"] = new("Uターン", "U-turn"), ["i"] = new("Iターン", "I-turn"), ["j"] = new("Jターン", "J-turn"), ["local"] = new("県内から", "From inside the prefecture"),
    };

    public static readonly LocalizedText ByInvalid = new(
        "内訳の軸は municipality（市区町村）、prefecture（都道府県）、industry（業種）、coordinator（担当コーディネーター）、employmentForm（雇用形態）、firm（取次先の事業者）、turn（U・I・Jターン）のいずれかで指定してください。",
        "by is municipality, prefecture, industry, coordinator, employmentForm, firm or turn.");
    public static readonly LocalizedText NotCounted = new(
        "内訳は、事実から数える指標にだけあります（手入力の指標にはありません）。", "Only a KPI counted from events has a breakdown.");
    public static readonly LocalizedText Unknown = new("（不明）", "(unknown)");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FiscalYear).NotNull().Label(GetConsultationCount.FiscalYearLabel)
                .InclusiveBetween(Contracts.FiscalYear.MinStartYear, Contracts.FiscalYear.MaxStartYear).Message(GetConsultationCount.FiscalYearRange);
            RuleFor(r => r.AsOf).NotNull().When(r => r.AsOfGiven).Message(GetConsultationCount.AsOfShape);
            RuleFor(r => r.By).Must(b => b is not null && Columns.ContainsKey(b)).Message(ByInvalid);
        }
    }

    // Properties, not a positional record: Dapper matches a record's constructor to the column types, and SQLite
    // reports no type for COUNT(*) when there is no row (a year without facts), which made the match fail (500).
    private sealed class Group
    {
        public string? Key { get; init; }

        public long Count { get; init; }

        public long AsMain { get; init; }
    }

    // By coordinator every coordinator of a fact is credited (counted_coordinators, position 0 the main one), so the rows
    // add up to more than the actual when facts have several; facts without any are the unknown row.
    private const string CreditedSelect = """
        SELECT coordinator AS Key, COUNT(*) AS Count, SUM(CASE WHEN position = 0 THEN 1 ELSE 0 END) AS AsMain
          FROM counted_coordinators
         WHERE kind = @kind AND source_id IN
        """;

    private const string WithoutCoordinator =
        " AND NOT EXISTS (SELECT 1 FROM counted_coordinators cc WHERE cc.kind = counted_events.kind AND cc.source_id = counted_events.source_id)";

    public static async Task<Results<Ok<Response>, ProblemHttpResult, ValidationProblem>> HandleAsync(
        string program, string code, Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var definitions = await KpiStore.DefinitionsAsync(database, program, ct, code);
        var definition = definitions.Count > 0 ? definitions[0] : null;
        if (definition is null)
            return Problems.NotFound(EnterKpiValue.UnknownKpi);
        if (definition.Source != KpiSource.Counted)
            return Problems.Invalid("code", NotCounted);
        var year = new FiscalYear(request.FiscalYear!.Value);
        var asOf = request.AsOf is { } d && d < year.LastDay ? d : year.LastDay;
        if (request.By == "coordinator")
            return TypedResults.Ok(await CreditedAsync(database, program, definition, year, asOf, ct));
        var column = Columns[request.By!];
        // The column comes from the fixed map above, never from the request's text.
        var (sql, parameters) = KpiLedger.Filtered($"{column} AS Key, COUNT(*) AS Count", definition.Filter, program, definition.CountedKind!, year.FirstDay, asOf);
        var groups = await database.QueryAsync<Group>(sql + $" GROUP BY {column}", parameters, ct);
        var rows = groups
            .Select(g => new Row(g.Key, Label(request.By!, g.Key), g.Count))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key is null).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        return TypedResults.Ok(new Response(
            definition.Code, definition.Name, year.StartYear, year.JapaneseName, asOf, request.By!, rows.Sum(r => r.Count), rows,
            definition.CountedKind!, definition.Filter is not null));
    }

    private static async Task<Response> CreditedAsync(
        ServiceDatabase database, string program, KpiDefinition definition, FiscalYear year, DateOnly asOf, CancellationToken ct)
    {
        var (facts, parameters) = KpiLedger.Filtered("source_id", definition.Filter, program, definition.CountedKind!, year.FirstDay, asOf);
        var credited = await database.QueryAsync<Group>($"{CreditedSelect} ({facts}) GROUP BY coordinator", parameters, ct);
        var (total, _) = KpiLedger.Filtered("COUNT(*)", definition.Filter, program, definition.CountedKind!, year.FirstDay, asOf);
        var rows = credited
            .Select(g => new Row(g.Key, g.Key ?? Unknown.ToString(), g.Count, g.AsMain))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal)
            .ToList();
        var withoutAny = await database.ExecuteScalarAsync<long>(total + WithoutCoordinator, parameters, ct);
        if (withoutAny > 0)
            rows.Add(new Row(null, Unknown.ToString(), withoutAny));
        return new Response(definition.Code, definition.Name, year.StartYear, year.JapaneseName, asOf, "coordinator",
            await database.ExecuteScalarAsync<long>(total, parameters, ct), rows, definition.CountedKind!, definition.Filter is not null);
    }

    private static string Label(string by, string? key)
    {
        if (key is null)
            return Unknown.ToString();
        return by switch
        {
            "municipality" when MunicipalityCode.IsValid(key) => Municipality.Describe(key),
            "prefecture" when PrefectureCode.TryParse(key, out var p) => $"{key} {p.Name}",
            "industry" when IndustryDivision.TryParse(key, out var i) => $"{i.Letter} {(LocalizedText.IsEnglish ? i.EnglishName : i.Name)}",
            "turn" when TurnLabels.TryGetValue(key, out var turn) => turn.ToString(),
            _ => key,
        };
    }
}
