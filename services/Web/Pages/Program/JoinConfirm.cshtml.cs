using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The link of the confirmation mail: the page asks for one click (a mail scanner that opens links confirms nothing), then
/// the registration becomes a candidate with its consents.
/// </summary>
public sealed class JoinConfirmModel(ApiClient api) : PageModel
{
    [FromRoute(Name = "program")]
    public string ProgramSlug { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Done { get; private set; }

    public bool Refused { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await api.PostAsync<object>($"/api/programs/{ProgramSlug}/candidates/self-registrations/confirm", new { token = Token ?? "" }, ct);
        Done = result.Ok;
        Refused = !result.Ok;
        if (Refused)
            Response.StatusCode = (int)result.Status is 400 or 404 ? 404 : 500;
        return Page();
    }
}
