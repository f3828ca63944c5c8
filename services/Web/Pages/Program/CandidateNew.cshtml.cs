using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録者の登録 — a coordinator registers a professional in the talent data bank. The form asks only what the bank may
/// collect (職業安定法 第5条の5): no 本籍・出生地, beliefs, union membership or family.
/// </summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CandidateNewModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public CandidateForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/candidates", Form.ToBody(), ct);
        return await AnsweredAsync(result, created => Path($"/candidates/{created!.Id}"), () => Task.FromResult<IActionResult?>(null), 400);
    }
}
