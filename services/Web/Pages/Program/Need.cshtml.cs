using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One talent need, its referrals to firms (取次) and its status: filled (充足) or cancelled (取下げ, with a reason).</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class NeedModel(ApiClient api) : ProgramPage(api)
{
    public Need Need { get; private set; } = null!;

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    /// <summary>取次: the firms chosen, the message to them, and whether the company stays anonymous until one accepts.</summary>
    [BindProperty]
    public List<Guid> FirmIds { get; set; } = [];

    [BindProperty]
    public string? Message { get; set; }

    [BindProperty]
    public bool Named { get; set; }

    public IReadOnlyList<Referral> Referrals { get; private set; } = [];

    /// <summary>Registered firms, those that fit the need first (with why); empty while Coordinators does not know the need yet.</summary>
    public IReadOnlyList<FirmSuggestion> Suggestions { get; private set; } = [];

    /// <summary>Candidates of the talent data bank for the need, best first, each with the reasons of its score.</summary>
    public CandidateMatches? Matches { get; private set; }

    /// <summary>候補者リスト: the candidates the coordinators keep for this need, with their notes.</summary>
    public Shortlist? Shortlist { get; private set; }

    [BindProperty]
    public Guid CandidateId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public async Task<IActionResult> OnPostShortlistAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PutAsync<Shortlist>($"/api/programs/{ProgramSlug}/candidates/needs/{id}/shortlist/{CandidateId}",
            new { note = string.IsNullOrWhiteSpace(Note) ? null : Note }, ct);
        return await AnsweredAsync(result, _ => Path($"/needs/{id}#shortlist"), () => LoadAsync(id, ct), 400, 404);
    }

    public async Task<IActionResult> OnPostUnshortlistAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.SendAsync<Shortlist>(HttpMethod.Delete, $"/api/programs/{ProgramSlug}/candidates/needs/{id}/shortlist/{CandidateId}", null, ct);
        return await AnsweredAsync(result, _ => Path($"/needs/{id}#shortlist"), () => LoadAsync(id, ct), 404);
    }

    public async Task<IActionResult> OnPostReferAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/referrals",
            new { needId = id, firmIds = FirmIds, message = Message, anonymised = !Named }, ct);
        return await AnsweredAsync(result, _ => Path($"/needs/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>紹介: the candidates introduced for this need, by firms or by the center, as a board by stage.</summary>
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> Names { get; private set; } = new Dictionary<Guid, string>();

    public string NameOf(Introduction i) => Names.TryGetValue(i.CandidateId, out var name) ? name : CandidateLabels.Anonymous(i.CandidateId);

    /// <summary>The center introduces a candidate of its data bank for the need (センターによる紹介).</summary>
    public async Task<IActionResult> OnPostIntroduceAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/introductions", new { needId = id, candidateId = CandidateId }, ct);
        return await AnsweredAsync(result, created => Path($"/introductions/{created!.Id}"), () => LoadAsync(id, ct), 400, 404, 409);
    }

    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<Need>($"/api/programs/{ProgramSlug}/needs/{id}/status", new { status = Status, reason = Reason, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/needs/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var need = await Api.GetAsync<Need>($"/api/programs/{ProgramSlug}/needs/{id}", ct);
        if (!need.Ok)
            return Failed(need);
        Need = need.Value!;
        var referrals = await Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals?needId={id}&pageSize=200", ct);
        Referrals = referrals.Value?.Items ?? [];
        var introductions = await Api.GetAsync<ListPage<Introduction>>($"/api/programs/{ProgramSlug}/introductions?needId={id}&pageSize=200", ct);
        Introductions = introductions.Value?.Items ?? [];
        Names = await CandidateLabels.ManyAsync(Api, ProgramSlug, Introductions.Select(i => i.CandidateId), ct);
        if (Is(ProgramRole.Coordinator) && Need.Status is "open" or "referred")
        {
            var suggestions = await Api.GetAsync<IReadOnlyList<FirmSuggestion>>($"/api/programs/{ProgramSlug}/firms/suggestions?needId={id}", ct);
            Suggestions = suggestions.Value ?? [];
            // マッチング: the data bank's candidates ranked for this need (Candidates' copy of it), with their reasons;
            // absent for the moment between the need's opening and its copy's arrival.
            var matches = await Api.GetAsync<CandidateMatches>($"/api/programs/{ProgramSlug}/candidates/needs/{id}/matches?limit=10", ct);
            Matches = matches.Value;
        }
        var shortlist = await Api.GetAsync<Shortlist>($"/api/programs/{ProgramSlug}/candidates/needs/{id}/shortlist", ct);
        Shortlist = shortlist.Value;
        return null;
    }
}
