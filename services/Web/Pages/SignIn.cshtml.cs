using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages;

public sealed class SignInModel(ApiClient api) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public ApiProblem? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await api.PostAsync<MatchingUser>("/api/session", new { userName = UserName ?? "", password = Password ?? "" }, ct);
        if (result.Ok)
            return LocalRedirect(ReturnUrl is { Length: > 1 } r && Url.IsLocalUrl(r) ? r : "/");
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return Page();
    }
}
