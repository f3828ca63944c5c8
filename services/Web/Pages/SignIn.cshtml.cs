using Matching.Platform.Auth;
using Matching.Platform.Http;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages;

public sealed class SignInModel(ApiClient api, Microsoft.Extensions.Configuration.IConfiguration configuration) : PageModel
{
    /// <summary>Sign-in with the organisation's identity provider is offered when it is configured.</summary>
    public bool OidcEnabled => !string.IsNullOrEmpty(configuration["Matching:Auth:Oidc:Authority"]);

    [BindProperty(SupportsGet = true)]
    public string? Error { get; set; }

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
            return LocalRedirect(LocalUrl.OrHome(ReturnUrl));
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return Page();
    }
}
