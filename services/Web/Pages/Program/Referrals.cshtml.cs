using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 取次の一覧 — for a firm, its inbox (new, accepted, declined, expired; the deadline and business days left); for staff,
/// every referral of the program. Accepting or declining is one click from here (declining asks for the reason).
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class ReferralsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListPage<Referral> Referrals { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var query = $"?page={Math.Max(1, PageNumber)}&pageSize=50" + (string.IsNullOrEmpty(Status) ? "" : $"&status={Uri.EscapeDataString(Status)}");
        var referrals = await Api.GetAsync<ListPage<Referral>>($"/api/programs/{ProgramSlug}/referrals{query}", ct);
        if (!referrals.Ok)
            return Failed(referrals);
        Referrals = referrals.Value!;
        return Page();
    }
}
