using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>The program's count of consultations with managers for a fiscal year, up to an as-of date.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class KpisModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 8)
{
    public ConsultationCount? Count { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ChooseYear();
        (Count, var failure) = await ReadAsync<ConsultationCount>($"/api/programs/{ProgramSlug}/kpis/consultations?{Query}", ct);
        return failure ?? Page();
    }
}
