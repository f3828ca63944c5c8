using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// One referral (取次): what the firm is shown — the need, and the company once accepted — with accept and decline for
/// the firm, withdraw for the coordinator. The e-mail to the firm's contacts links here.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class ReferralModel(ApiClient api) : ProgramPage(api)
{
    public Referral Referral { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>For the firm on an accepted referral: the candidates it may introduce (its own and those whose consent covers it).</summary>
    public IReadOnlyList<SharedCandidateItem> Introducible { get; private set; } = [];

    /// <summary>The introductions made for this referral's need (a firm sees its own).</summary>
    public IReadOnlyList<Introduction> Introductions { get; private set; } = [];

    [BindProperty]
    public Guid? CandidateId { get; set; }

    public async Task<IActionResult> OnPostIntroduceAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Recruiter))
            return Refused(403);
        var referral = await Api.GetAsync<Referral>($"/api/programs/{ProgramSlug}/referrals/{id}", ct);
        if (!referral.Ok)
            return Failed(referral);
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/introductions", new { needId = referral.Value!.NeedId, candidateId = CandidateId }, ct);
        return await AnsweredAsync(result, created => Path($"/introductions/{created!.Id}"), () => LoadAsync(id, ct), 400, 403, 404, 409);
    }

    public async Task<IActionResult> OnPostAcceptAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Recruiter))
            return Refused(403);
        var result = await Api.PostAsync<Referral>($"/api/programs/{ProgramSlug}/referrals/{id}/accept", new { version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/referrals/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Recruiter))
            return Refused(403);
        var result = await Api.PostAsync<Referral>($"/api/programs/{ProgramSlug}/referrals/{id}/decline",
            new { reason = string.IsNullOrEmpty(Reason) ? null : Reason, text = Text, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/referrals/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<Referral>($"/api/programs/{ProgramSlug}/referrals/{id}/withdraw", new { reason = Text, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/referrals/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var referral = await Api.GetAsync<Referral>($"/api/programs/{ProgramSlug}/referrals/{id}", ct);
        if (!referral.Ok)
            return Failed(referral);
        Referral = referral.Value!;
        if (Referral.Status == "accepted" || !Is(ProgramRole.Recruiter))
        {
            var introductions = await Api.GetAsync<ListPage<Introduction>>($"/api/programs/{ProgramSlug}/introductions?needId={Referral.NeedId}&pageSize=200", ct);
            Introductions = introductions.Value?.Items ?? [];
        }
        if (Is(ProgramRole.Recruiter) && Referral.Status == "accepted")
        {
            var shared = await Api.GetAsync<ListPage<SharedCandidateItem>>($"/api/programs/{ProgramSlug}/candidates/shared?pageSize=100", ct);
            var introduced = Introductions.Select(i => i.CandidateId).ToHashSet();
            Introducible = shared.Value?.Items.Where(c => c.Covered && !introduced.Contains(c.Id)).ToList() ?? [];
        }
        return null;
    }
}
