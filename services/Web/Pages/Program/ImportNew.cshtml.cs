using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>取込 — step 1: choose the kind of file and upload it; the next page shows its columns and the check.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
[RequestSizeLimit(MaxUpload)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxUpload)]
public sealed class ImportNewModel(ApiClient api) : ProgramPage(api)
{
    private const long MaxUpload = 80L * 1024 * 1024;

    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Kinds =
    [
        ("companies", "企業リスト（CSV / Excel）", "Company list (CSV / Excel)"),
        ("nta", "法人番号公表サイトのデータ（全件・差分、CSV）", "NTA corporate number data (CSV)"),
    ];

    [BindProperty]
    public string Kind { get; set; } = "companies";

    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Problem = new ApiProblem(null, new Dictionary<string, string[]> { ["file"] = [Ui.L("ファイルを選んでください。", "Choose a file.")] });
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        using var content = new StreamContent(Upload.OpenReadStream());
        var result = await Api.PostAsync<ImportView>(
            $"/api/programs/{ProgramSlug}/companies/imports?kind={Uri.EscapeDataString(Kind)}&fileName={Uri.EscapeDataString(Upload.FileName)}", content, ct);
        return await AnsweredAsync(result, import => Path($"/imports/{import!.Id}"), () => Task.FromResult<IActionResult?>(null), 400, 413);
    }
}
