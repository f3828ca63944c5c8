using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 保有個人データの開示 — the printable record the office gives a person on their request: the profile as held, the
/// consents with their history, and every provision of the data to a firm. Opening it is recorded in the audit log.
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class CandidateDisclosureModel(ApiClient api) : ProgramPage(api)
{
    [FromRoute]
    public Guid Id { get; set; }

    public Disclosure Disclosure { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var disclosure = await Api.GetAsync<Disclosure>($"/api/programs/{ProgramSlug}/candidates/{Id}/disclosure", ct);
        if (!disclosure.Ok)
            return Failed(disclosure);
        Disclosure = disclosure.Value!;
        return Page();
    }
}
