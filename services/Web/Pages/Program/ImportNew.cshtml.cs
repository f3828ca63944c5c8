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

    /// <summary>The kinds of file, and the service that takes each (its imports live under that service's route).</summary>
    public static readonly IReadOnlyList<(string Value, string Source, string Ja, string En)> Kinds =
    [
        ("companies", "companies", "企業リスト（CSV / Excel）", "Company list (CSV / Excel)"),
        ("consultations", "consultations", "相談記録（CSV / Excel）：企業は登録済みであること", "Consultation log (CSV / Excel): its companies must be registered"),
        ("candidates", "candidates", "人材リスト（CSV / Excel）：同意はリストに記載のとおりに記録、登録済みの方と思われる行は取り込みません",
            "Talent list (CSV / Excel): consents recorded as the list states them; rows of people probably registered already are left out"),
        ("nta", "companies", "法人番号公表サイトのデータ（全件・差分、CSV）：登録済み企業の名称・所在地を更新", "NTA corporate number data (CSV): refreshes registered companies"),
    ];

    [BindProperty(SupportsGet = true)]
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
        var source = Kinds.FirstOrDefault(k => k.Value == Kind).Source ?? "companies";
        using var content = new StreamContent(Upload.OpenReadStream());
        var result = await Api.PostAsync<ImportView>(
            $"/api/programs/{ProgramSlug}/{source}/imports?kind={Uri.EscapeDataString(Kind)}&fileName={Uri.EscapeDataString(Upload.FileName)}", content, ct);
        return await AnsweredAsync(result, import => Path($"/imports/{source}/{import!.Id}"), () => Task.FromResult<IActionResult?>(null), 400, 413);
    }
}
