using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録者の記録 — a candidate's profile, the consent panel (個人情報の第三者提供への同意: record one, withdraw one, the history),
/// the profile's corrections, the erasure of the person's data and, for the office, the record of every provision of the
/// data to a firm.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CandidateModel(ApiClient api) : ProgramPage(api)
{
    [FromRoute]
    public Guid Id { get; set; }

    public Candidate Candidate { get; private set; } = null!;

    public IReadOnlyList<Firm> Firms { get; private set; } = [];

    public IReadOnlyList<Provision> Provisions { get; private set; } = [];

    /// <summary>Other registrations that are probably the same person (for coordinators, to merge).</summary>
    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];

    [BindProperty] public Guid DuplicateId { get; set; }
    [BindProperty] public int Version { get; set; }

    /// <summary>The open needs that fit this person, best first (for coordinators).</summary>
    public FittingNeeds? Needs { get; private set; }

    /// <summary>The person's history of introductions (紹介) and where each stands.</summary>
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];

    [BindProperty] public string? Recipient { get; set; } = "registeredFirms";
    [BindProperty] public Guid? FirmId { get; set; }
    [BindProperty] public string? TextVersion { get; set; }
    [BindProperty] public string? Method { get; set; } = "written";
    [BindProperty] public Guid ConsentId { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? ErasureReason { get; set; }
    [BindProperty] public bool ErasureConfirmed { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostConsentAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/candidates/{Id}/consents", new
        {
            purpose = Recipient == "program" ? "dataBank" : "introduction",
            recipient = Recipient,
            firmId = Recipient == "firm" ? FirmId : null,
            textVersion = TextVersion ?? "",
            method = Method,
        }, ct);
        return await AnsweredAsync(result, _ => Path($"/candidates/{Id}#consents"), () => LoadAsync(ct), 400);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<IReadOnlyList<CandidateConsent>>(
            $"/api/programs/{ProgramSlug}/candidates/{Id}/consents/{ConsentId}/withdraw", new { reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason }, ct);
        return await AnsweredAsync(result, _ => Path($"/candidates/{Id}#consents"), () => LoadAsync(ct), 400, 409);
    }

    public async Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<Candidate>($"/api/programs/{ProgramSlug}/candidates/{Id}/merge", new { duplicateId = DuplicateId, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/candidates/{Id}#merged"), () => LoadAsync(ct), 400, 404, 409);
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (!ErasureConfirmed)
        {
            Problem = new ApiProblem(null, new Dictionary<string, string[]>
            {
                ["erasureConfirmed"] = [Ui.L("消去すると元に戻せません。確認欄にチェックしてください。", "Erasure cannot be undone: tick the box to confirm.")],
            });
            Response.StatusCode = 400;
            return await LoadAsync(ct) ?? Page();
        }
        var result = await Api.PostAsync<Erased>($"/api/programs/{ProgramSlug}/candidates/{Id}/erasure", new { reason = ErasureReason }, ct);
        return await AnsweredAsync(result, _ => Path("/candidates?erased=true"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var candidate = await Api.GetAsync<Candidate>($"/api/programs/{ProgramSlug}/candidates/{Id}", ct);
        if (!candidate.Ok)
            return Failed(candidate);
        Candidate = candidate.Value!;
        Introductions = (await Api.GetAsync<ListPage<Introduction>>($"/api/programs/{ProgramSlug}/introductions?candidateId={Id}&pageSize=200", ct)).Value?.Items ?? [];
        if (Is(ProgramRole.Coordinator))
        {
            var firms = await Api.GetAsync<IReadOnlyList<Firm>>($"/api/programs/{ProgramSlug}/firms?status=registered", ct);
            Firms = firms.Value ?? [];
            var needs = await Api.GetAsync<FittingNeeds>($"/api/programs/{ProgramSlug}/candidates/{Id}/needs?limit=10", ct);
            Needs = needs.Value;
            var duplicates = await Api.GetAsync<IReadOnlyList<PossibleDuplicate>>($"/api/programs/{ProgramSlug}/candidates/{Id}/duplicates", ct);
            Duplicates = duplicates.Value ?? [];
        }
        if (Is(ProgramRole.Office))
        {
            var provisions = await Api.GetAsync<ListPage<Provision>>($"/api/programs/{ProgramSlug}/provisions?candidateId={Id}&pageSize=100", ct);
            Provisions = provisions.Value?.Items ?? [];
        }
        return null;
    }
}
