using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>人材ニーズ一覧 — the program's talent needs, by status and employment form.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class NeedsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    /// <summary>The needs still in progress by default: open and referred (募集中・取次済).</summary>
    public string? Status { get; set; } = InProgress;

    public const string InProgress = "open,referred";

    [BindProperty(SupportsGet = true)]
    public string? EmploymentForm { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListPage<Need> Needs { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = $"page={Math.Max(1, PageNumber)}&pageSize=50"
                    + (string.IsNullOrEmpty(Status) ? "" : $"&status={Uri.EscapeDataString(Status)}")
                    + (string.IsNullOrEmpty(EmploymentForm) ? "" : $"&employmentForm={Uri.EscapeDataString(EmploymentForm)}");
        var needs = await Api.GetAsync<ListPage<Need>>($"/api/programs/{ProgramSlug}/needs?{query}", ct);
        if (!needs.Ok)
            return Failed(needs);
        Needs = needs.Value!;
        return Page();
    }
}
