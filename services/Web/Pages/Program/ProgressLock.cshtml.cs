using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 年度の確定 — the office closes a fiscal year after a confirmation that shows what will be frozen: the year's figures
/// as of 31 March become the published ones, for good. The API refuses a year that has not ended; the page shows why.
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class ProgressLockModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 12)
{
    public ProgressReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/kpis/locks/{FiscalYear}", new { }, ct);
        return await AnsweredAsync(result, _ => Path($"/progress?fiscalYear={FiscalYear}"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        AsOfText = null;
        ChooseYear();
        (Report, var failure) = await ReadAsync<ProgressReport>($"/api/programs/{ProgramSlug}/kpis/progress?{Query}", ct);
        return failure;
    }
}
