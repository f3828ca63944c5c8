using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 監査ログ — the program office sees its members' actions and refusals of its data from every service; of someone
/// outside the program only that they were refused.
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class AuditModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true, Name = "")]
    public AuditFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string Here => Path("/audit");

    public ListPage<AuditLogEntry> Entries { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Api.GetAsync<ListPage<AuditLogEntry>>($"/api/programs/{ProgramSlug}/audit?" + Filter.Query(Math.Max(1, PageNumber)), ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
            Problem = result.Problem;
        else if (!result.Ok)
            return Failed(result);
        Entries = result.Value ?? Entries;
        return Page();
    }
}
