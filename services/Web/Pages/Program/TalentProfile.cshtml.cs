using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One candidate as the recruiter's firm may see it now: anonymised, or in full under a consent (recorded as a provision).</summary>
[PageAccess(ProgramRole.Recruiter)]
public sealed class TalentProfileModel(ApiClient api) : ProgramPage(api)
{
    [FromRoute]
    public Guid Id { get; set; }

    public SharedCandidate Candidate { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var candidate = await Api.GetAsync<SharedCandidate>($"/api/programs/{ProgramSlug}/candidates/{Id}/shared", ct);
        if (!candidate.Ok)
            return Failed(candidate);
        Candidate = candidate.Value!;
        return Page();
    }
}
