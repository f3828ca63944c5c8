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
        return null;
    }
}
