using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages;

/// <summary>Sign-out is a POST (with the antiforgery token of the layout's form); the session ends in the store.</summary>
public sealed class SignOutModel(ApiClient api) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await api.SendAsync<object>(HttpMethod.Delete, "/api/session", null, ct);
        return Redirect("/signin");
    }
}
