using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>内訳 — a counted KPI's actual of the year by municipality, industry or coordinator, adding up to the actual.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class BreakdownModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 12)
{
    public static readonly IReadOnlyList<(string Value, string Ja, string En, string ColumnJa, string ColumnEn)> Axes =
    [
        ("municipality", "市区町村別", "By municipality", "市区町村", "Municipality"),
        ("industry", "業種別", "By industry", "業種", "Industry"),
        ("coordinator", "担当コーディネーター別", "By coordinator", "担当コーディネーター", "Coordinator"),
    ];

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
