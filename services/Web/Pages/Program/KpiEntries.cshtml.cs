using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The values of one KPI entered by hand, per fiscal year of its plan: the actual of a KPI the product does not count,
/// and reference targets known only later (全国平均値). Every entry stays in the history with who, when and the value it replaced.
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class KpiEntriesModel(ApiClient api) : ProgramPage(api)
{
    [FromRoute(Name = "code")]
    public string Code { get; set; } = "";

    public KpiDefinitionView Kpi { get; private set; } = null!;

    /// <summary>Oldest first, as the API answers.</summary>
    public IReadOnlyList<KpiEntry> Entries { get; private set; } = [];

    /// <summary>The fiscal years of the plan: from its first target's year to its last.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    [BindProperty] public string Kind { get; set; } = "actual";
    [BindProperty] public int? FiscalYear { get; set; }
    [BindProperty] public decimal? Value { get; set; }
    [BindProperty] public string? Note { get; set; }

    public bool TakesActuals => Kpi.Source == "entered";

    public bool HasReference(int year) => Kpi.Targets.Any(t => t.Kind == "reference" && t.From <= year && year <= t.To);

    /// <summary>
    /// The value in force for a year (the latest entry), or null where none was entered. A year's actual is given either
    /// as its increase or as the running total to date (累計): the later of the two decides.
    /// </summary>
    public KpiEntry? Current(string kind, int year) => Entries.LastOrDefault(e => Stands(e.Kind) == Stands(kind) && e.FiscalYear == year);

    /// <summary>The value an entry replaced: the one before it for the same year and the same figure.</summary>
    public KpiEntry? Replaced(KpiEntry entry) =>
        Entries.TakeWhile(e => e.Id != entry.Id).LastOrDefault(e => Stands(e.Kind) == Stands(entry.Kind) && e.FiscalYear == entry.FiscalYear);

    /// <summary>What an entry stands for: the year's actual (by its increase or the total) or a reference.</summary>
    private static string Stands(string kind) => kind == "reference" ? "reference" : "actual";

    /// <summary>実績値 / 累計 / 参照値.</summary>
    public static string KindLabel(string kind) => kind switch
    {
        "reference" => Ui.L("参照値", "Reference"),
        "total" => Ui.L("累計", "Running total"),
        _ => Ui.L("実績値", "Actual"),
    };

    /// <summary>After a save the form offers the next year of the same kind: the office enters a plan's years in order.</summary>
    public async Task<IActionResult> OnGetAsync([FromQuery] int? entered, [FromQuery] string? kind, CancellationToken ct)
    {
        if (entered is { } year)
            (FiscalYear, Kind) = (year + 1, kind is "total" or "reference" ? kind : "actual");
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var path = Kind switch { "reference" => "references", "total" => "totals", _ => "actuals" };
        var result = await Api.PutAsync<KpiEntry>(
            $"/api/programs/{ProgramSlug}/kpis/{Uri.EscapeDataString(Code)}/{path}/{FiscalYear}", new { value = Value, note = Note }, ct);
        return await AnsweredAsync(result, e => Path($"/kpi-definitions/{Uri.EscapeDataString(Code)}?entered={e?.FiscalYear}&kind={Kind}"), () => LoadAsync(ct), 400, 404);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var kpis = await Api.GetAsync<IReadOnlyList<KpiDefinitionView>>($"/api/programs/{ProgramSlug}/kpis", ct);
        if (!kpis.Ok)
            return Failed(kpis);
        if (kpis.Value?.FirstOrDefault(k => k.Code == Code) is not { } kpi)
            return Refused(404);
        Kpi = kpi;
        var entries = await Api.GetAsync<IReadOnlyList<KpiEntry>>($"/api/programs/{ProgramSlug}/kpis/{Uri.EscapeDataString(Code)}/entries", ct);
        if (!entries.Ok)
            return Failed(entries);
        Entries = entries.Value ?? [];
        Years = Kpi.Targets.Count == 0 ? []
            : [.. Enumerable.Range(Kpi.Targets.Min(t => t.From), Kpi.Targets.Max(t => t.To) - Kpi.Targets.Min(t => t.From) + 1)];
        return null;
    }
}
