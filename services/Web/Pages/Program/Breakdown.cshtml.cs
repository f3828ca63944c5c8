using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 内訳 — a counted KPI's actual of the year by what its facts carry (a consultation its company's place and industry and
/// its coordinators; a placement also the firm, the employment form and U・I・Jターン), adding up to the actual.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class BreakdownModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 12)
{

    private static readonly string[] PlacementAxes = ["municipality", "industry", "firm", "employmentForm", "turn"];

    /// <summary>The axes a counted kind's facts carry (Programs' ledger); another kind is offered the company's.</summary>
    private static readonly Dictionary<string, string[]> AxesOfKind = new(StringComparer.Ordinal)
    {
        ["consultation"] = ["municipality", "industry", "coordinator"],
        ["company-registered"] = ["municipality", "industry"],
        ["need-opened"] = ["municipality", "employmentForm"],
        ["handoff"] = ["municipality", "industry", "coordinator", "employmentForm", "firm"],
        ["handoff-need"] = ["municipality", "industry", "coordinator", "employmentForm", "firm"],
        ["candidate-registered"] = ["prefecture", "employmentForm"],
        ["introduction"] = PlacementAxes,
        ["placement"] = PlacementAxes,
        ["placement-from-outside-prefecture"] = PlacementAxes,
        ["retained-6m"] = PlacementAxes,
        ["retained-12m"] = PlacementAxes,
    };

    /// <summary>The axes a KPI counting <paramref name="countedKind"/> is broken down by, and <paramref name="shown"/> (the one chosen).</summary>
    public static IEnumerable<Contracts.Programs.BreakdownAxis> AxesOf(string? countedKind, string? shown = null)
    {
        var offered = countedKind is not null && AxesOfKind.TryGetValue(countedKind, out var axes) ? axes : ["municipality", "industry", "coordinator"];
        return Contracts.Programs.BreakdownAxis.All.Where(a => offered.Contains(a.Value) || a.Value == shown);
    }

    /// <summary>
    /// The consultation log behind a coordinator's row: the consultations of the year to 基準日 they took part in (by the
    /// name recorded, as the ledger credits them). Only for an unfiltered count of consultations, which the log lists whole.
    /// </summary>
    public string? ConsultationsOf(Breakdown breakdown, BreakdownRow row) =>
        breakdown is { By: "coordinator", CountedKind: "consultation", Filtered: false } && row.Key is { } name
            ? Path($"/consultations?from={new Matching.Contracts.FiscalYear(breakdown.FiscalYear).FirstDay:yyyy-MM-dd}&to={breakdown.AsOf:yyyy-MM-dd}&coordinator={Uri.EscapeDataString(name)}")
            : null;

    [BindProperty(SupportsGet = true)]
    public string By { get; set; } = "municipality";

    public Breakdown? Result { get; private set; }

    /// <summary>The same breakdown as a file (the API's export, which names the KPI, program, year, 基準日 and axis above the rows).</summary>
    public string ExportUrl(Breakdown breakdown, string extension) =>
        $"/api/programs/{ProgramSlug}/kpis/{Uri.EscapeDataString(breakdown.Code)}/breakdown/export.{extension}?{Query}&by={Uri.EscapeDataString(breakdown.By)}";

    /// <summary>A row's share in percent with one decimal, half up in decimal arithmetic, as the export rounds it.</summary>
    public static string Share(long count, long total) =>
        Math.Round(count * 100m / Math.Max(1, total), 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        ChooseYear();
        (Result, var failure) = await ReadAsync<Breakdown>(
            $"/api/programs/{ProgramSlug}/kpis/{Uri.EscapeDataString(code)}/breakdown?{Query}&by={Uri.EscapeDataString(By)}", ct);
        return failure ?? Page();
    }
}
