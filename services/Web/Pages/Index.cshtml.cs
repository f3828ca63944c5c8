using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages;

/// <summary>The start page: a user of one program goes straight to it; others choose; operators also see the users.</summary>
[PageAccess]
public sealed class IndexModel(ApiClient api) : UserPage(api)
{
    public IReadOnlyList<ProgramInfo> Programs { get; private set; } = [];

    public IReadOnlyList<MatchingUser> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!CurrentUser.IsAdmin && CurrentUser.Memberships.Count == 1)
            return Redirect($"/p/{CurrentUser.Memberships[0].Program}");
        var programs = await Api.GetAsync<IReadOnlyList<ProgramInfo>>("/api/programs", ct);
        if (!programs.Ok)
            return Failed(programs);
        Programs = programs.Value ?? [];
        if (CurrentUser.IsAdmin)
        {
            var users = await Api.GetAsync<IReadOnlyList<MatchingUser>>("/api/users", ct);
            Users = users.Value ?? [];
        }
        return Page();
    }
}
