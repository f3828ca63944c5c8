using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 取込 — step 2: the file's columns and the field each maps to (changeable; the choice is remembered), the rows' errors,
/// what would be registered, then the commit; while it runs the page refreshes itself with the progress.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ImportModel(ApiClient api) : ProgramPage(api)
{
    public ImportView Import { get; private set; } = null!;

    [BindProperty]
    public List<string?> Columns { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    public bool Running => Import.Status == "committing";

    /// <summary>The service the import belongs to: companies or consultations.</summary>
    [BindProperty(SupportsGet = true)]
    public string Source { get; set; } = "companies";

    private string ApiPath(Guid id, string rest = "") => $"/api/programs/{ProgramSlug}/{Source}/imports/{id}{rest}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostMappingAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, await Api.PutAsync<ImportView>(ApiPath(id, "/mapping"),
            new { columns = Columns.Select(c => string.IsNullOrWhiteSpace(c) ? null : c).ToList(), version = Version }, ct), ct);

    public async Task<IActionResult> OnPostCommitAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, await Api.PostAsync<ImportView>(ApiPath(id, "/commit"), new { version = Version }, ct), ct);

    private Task<IActionResult> AfterAsync(Guid id, ApiResult<ImportView> result, CancellationToken ct) =>
        AnsweredAsync(result, _ => Path($"/imports/{Source}/{id}"), () => LoadAsync(id, ct), 400, 409, 422);

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var import = await Api.GetAsync<ImportView>(ApiPath(id), ct);
        if (!import.Ok)
            return Failed(import);
        Import = import.Value!;
        return null;
    }
}
