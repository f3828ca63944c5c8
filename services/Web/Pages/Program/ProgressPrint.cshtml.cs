using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 議会資料用の印刷ページ — the KPI progress of a fiscal year as one A4 table in the form of the published progress
/// reports (指標, 基準値, 目標, 実績, 進捗率), with the rule of the percentages and whether the year is published; printed with the print date and
/// page numbers on every page.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ProgressPrintModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 12)
{
    public ProgressReport? Report { get; private set; }

    public ProgramInfo? Program { get; private set; }

    /// <summary>The day the page is printed (today in Japan), shown in its header and at the foot of every printed page.</summary>
    public DateOnly PrintedOn => Today;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ChooseYear();
        var program = Api.GetAsync<ProgramInfo>($"/api/programs/{ProgramSlug}", ct);
        (Report, var failure) = await ReadAsync<ProgressReport>($"/api/programs/{ProgramSlug}/kpis/progress?{Query}", ct);
        Program = (await program).Value;
        return failure ?? Page();
    }
}
