using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Admin;

/// <summary>プログラムの管理 — operators see every program and create a new one (a prefectural center, a regional HR program).</summary>
[PageAccess(Operators = true)]
public sealed class ProgramsModel(ApiClient api) : OperatorPage(api)
{
    public IReadOnlyList<ProgramInfo> Programs { get; private set; } = [];

    [BindProperty] public string? Slug { get; set; }
    [BindProperty] public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Created { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<ProgramInfo>("/api/programs", new { slug = Slug?.Trim() ?? "", name = Name?.Trim() ?? "" }, ct);
        return await AnsweredAsync(result, p => $"/admin/programs?created={Uri.EscapeDataString(p!.Slug)}", () => LoadAsync(ct), 400, 409);
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
