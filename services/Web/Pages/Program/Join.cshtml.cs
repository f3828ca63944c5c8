using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 本人による登録 — the public page where a professional registers in the program's talent data bank: the consent text,
/// the profile (only what may be collected), the consents; a confirmation mail completes it. No sign-in.
/// </summary>
public sealed class JoinModel(ApiClient api) : PageModel
{
    [FromRoute(Name = "program")]
    public string ProgramSlug { get; set; } = "";

    [BindProperty(Name = "")]
    public CandidateForm Form { get; set; } = new();

    [BindProperty]
    public string? ConsentTextVersion { get; set; }

    [BindProperty]
    public bool ConsentToProgram { get; set; }

    [BindProperty]
    public bool ConsentToFirms { get; set; }

    public ConsentText Text { get; private set; } = new("", "");

    public ApiProblem? Problem { get; private set; }

    public bool Sent { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = Form.ToBody();
        body["consentTextVersion"] = ConsentTextVersion;
        body["consentToProgram"] = ConsentToProgram;
        body["consentToFirms"] = ConsentToFirms;
        var result = await api.PostAsync<object>($"/api/programs/{ProgramSlug}/candidates/self-registrations", body, ct);
        if (result.Ok)
            Sent = true;
        else if ((int)result.Status == 400)
        {
            Problem = result.Problem;
            Response.StatusCode = 400;
        }
        else
            return StatusCode((int)result.Status is 404 ? 404 : 500);
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var text = await api.GetAsync<ConsentText>($"/api/programs/{ProgramSlug}/candidates/self-registrations/consent-text", ct);
        if (!text.Ok)
            return NotFound();
        Text = text.Value!;
        return null;
    }
}
