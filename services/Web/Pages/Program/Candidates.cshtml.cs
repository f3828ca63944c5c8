using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>人材データバンク — the program's candidates: search by name in any kana or by skill, residence and status.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CandidatesModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? PrefectureCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>Back from an erasure: the person is gone from the list, and the page says so.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Erased { get; set; }

    public ListPage<CandidateItem> Candidates { get; private set; } = new([], 1, 20, 0);

    public string Query(int page) => $"page={Math.Max(1, page)}&pageSize=20"
        + (string.IsNullOrWhiteSpace(Q) ? "" : $"&q={Uri.EscapeDataString(Q)}")
        + (string.IsNullOrEmpty(PrefectureCode) ? "" : $"&prefectureCode={Uri.EscapeDataString(PrefectureCode)}")
        + (string.IsNullOrEmpty(Status) ? "" : $"&status={Uri.EscapeDataString(Status)}");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var (found, failure) = await ReadAsync<ListPage<CandidateItem>>($"/api/programs/{ProgramSlug}/candidates?{Query(PageNumber)}", ct);
        if (failure is not null)
            return failure;
        Candidates = found ?? Candidates;
        return Page();
    }
}
