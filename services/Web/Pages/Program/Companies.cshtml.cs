using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>The program's companies: search by name or kana (folded: ｶﾌﾞｼｷ finds カブシキ), paged.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CompaniesModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListPage<Company> Result { get; private set; } = new([], 1, 20, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Api.GetAsync<ListPage<Company>>(
            $"/api/programs/{ProgramSlug}/companies?q={Uri.EscapeDataString(Q ?? "")}&page={Math.Max(1, PageNumber)}&pageSize=20", ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
            Problem = result.Problem;
        else if (!result.Ok)
            return Failed(result);
        else
            Result = result.Value!;
        return Page();
    }
}
