using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One talent need and its status: referred (取次済), filled (充足) or cancelled (取下げ, with a reason).</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class NeedModel(ApiClient api) : ProgramPage(api)
{
    public Need Need { get; private set; } = null!;

    [BindProperty]
    public string? Status { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostStatusAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<Need>($"/api/programs/{ProgramSlug}/needs/{id}/status", new { status = Status, reason = Reason, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/needs/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var need = await Api.GetAsync<Need>($"/api/programs/{ProgramSlug}/needs/{id}", ct);
        if (!need.Ok)
            return Failed(need);
        Need = need.Value!;
        return null;
    }
}
