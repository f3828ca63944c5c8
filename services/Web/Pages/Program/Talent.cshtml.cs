using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 人材データバンク（事業者向け） — what a recruiting firm sees: anonymised candidates; a profile opens in full only while the
/// person's consent covers the firm, and every full view is recorded as a provision.
/// </summary>
[PageAccess(ProgramRole.Recruiter)]
public sealed class TalentModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public string? PrefectureCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Skill { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListPage<SharedCandidateItem> Candidates { get; private set; } = new([], 1, 20, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = $"page={Math.Max(1, PageNumber)}&pageSize=20"
                    + (string.IsNullOrEmpty(PrefectureCode) ? "" : $"&prefectureCode={Uri.EscapeDataString(PrefectureCode)}")
                    + (string.IsNullOrWhiteSpace(Skill) ? "" : $"&skill={Uri.EscapeDataString(Skill)}");
        var (found, failure) = await ReadAsync<ListPage<SharedCandidateItem>>($"/api/programs/{ProgramSlug}/candidates/shared?{query}", ct);
        if (failure is not null)
            return failure;
        Candidates = found ?? Candidates;
        return Page();
    }
}
