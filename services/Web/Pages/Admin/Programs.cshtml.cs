using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Admin;

/// <summary>
/// プログラムの管理 — operators see every program, create a new one (a prefectural center, a regional HR program) and
/// rename one (its slug, in every address, stays).
/// </summary>
[PageAccess(Operators = true)]
public sealed class ProgramsModel(ApiClient api) : OperatorPage(api)
{
    public IReadOnlyList<ProgramInfo> Programs { get; private set; } = [];

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Created { get; set; }

    /// <summary>The program to rename, and its new name.</summary>
    [BindProperty(SupportsGet = true)] public string? Renamed { get; set; }
    [BindProperty] public string? NewName { get; set; }

    /// <summary>Which form the API's refusal belongs to: both name a <c>name</c> field.</summary>
    public bool Renaming { get; private set; }

    public ApiProblem? CreateProblem => Renaming ? null : Problem;

    public ApiProblem? RenameProblem => Renaming ? Problem : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<ProgramInfo>("/api/programs", new { slug = Slug?.Trim() ?? "", name = Name?.Trim() ?? "" }, ct);
        return await AnsweredAsync(result, p => $"/admin/programs?created={Uri.EscapeDataString(p!.Slug)}", () => LoadAsync(ct), 400, 409);
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        Renaming = true;
        if (string.IsNullOrEmpty(Renamed))
            return Refused(404);
        var result = await Api.PutAsync<ProgramInfo>($"/api/programs/{Uri.EscapeDataString(Renamed)}", new { name = NewName?.Trim() ?? "" }, ct);
        return await AnsweredAsync(result, p => $"/admin/programs?renamed={Uri.EscapeDataString(p!.Slug)}", () => LoadAsync(ct), 400);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var programs = await Api.GetAsync<IReadOnlyList<ProgramInfo>>("/api/programs", ct);
        if (!programs.Ok)
            return Failed(programs);
        Programs = programs.Value ?? [];
        return null;
    }
}
