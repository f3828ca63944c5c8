using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>The consultation log of a period: what a KPI number counts (voided entries shown struck through).</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ConsultationsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public ListPage<Consultation> Result { get; private set; } = new([], 1, 200, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = $"pageSize=200" + (From is { } f ? $"&from={f:yyyy-MM-dd}" : "") + (To is { } t ? $"&to={t:yyyy-MM-dd}" : "");
        var result = await Api.GetAsync<ListPage<Consultation>>($"/api/programs/{ProgramSlug}/consultations?{query}", ct);
        if (!result.Ok)
            return Failed(result);
        Result = result.Value!;
        return Page();
    }
}
