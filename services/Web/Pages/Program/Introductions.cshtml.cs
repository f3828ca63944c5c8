using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 選考状況 — the introductions as a board by stage: of one need or company, or all the program's still in progress; a firm
/// sees its own. The ended ones (成約 aside) are listed below the board.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class IntroductionsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)] public Guid? NeedId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CompanyId { get; set; }
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public IReadOnlyList<Introduction> Items { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = $"pageSize=200&open={(All || NeedId is not null || CompanyId is not null ? "false" : "true")}"
                    + (NeedId is { } n ? $"&needId={n}" : "") + (CompanyId is { } c ? $"&companyId={c}" : "");
        var (page, failure) = await ReadAsync<ListPage<Introduction>>($"/api/programs/{ProgramSlug}/introductions?{query}", ct);
        if (failure is not null)
            return failure;
        (Items, Total) = (page!.Items, page.Total);
        if (!Is(ProgramRole.Recruiter))
            Names = await CandidateLabels.ManyAsync(Api, ProgramSlug, Items.Select(i => i.CandidateId), ct);
        return Page();
    }

    public string NameOf(Introduction i) => Names.TryGetValue(i.CandidateId, out var name) ? name : CandidateLabels.Anonymous(i.CandidateId);
}
