using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>登録者の修正 — a coordinator corrects the profile or moves the status; the replaced version stays in the history.</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CandidateEditModel(ApiClient api) : ProgramPage(api)
{
    [FromRoute]
    public Guid Id { get; set; }

    [BindProperty(Name = "")]
    public CandidateForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var candidate = await Api.GetAsync<Candidate>($"/api/programs/{ProgramSlug}/candidates/{Id}", ct);
        if (!candidate.Ok)
            return Failed(candidate);
        Form = CandidateForm.Of(candidate.Value!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PutAsync<Candidate>($"/api/programs/{ProgramSlug}/candidates/{Id}", Form.ToBody(), ct);
        return await AnsweredAsync(result, _ => Path($"/candidates/{Id}"), () => Task.FromResult<IActionResult?>(null), 400, 409);
    }
}
