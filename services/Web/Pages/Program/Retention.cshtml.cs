using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>保存期間 — how long the data bank keeps a record with no activity before it is erased; the office sets it.</summary>
[PageAccess(ProgramRole.Office, ProgramRole.Coordinator)]
public sealed class RetentionModel(ApiClient api) : ProgramPage(api)
{
    public RetentionSetting Setting { get; private set; } = null!;

    [BindProperty]
    public int? CandidateYears { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
            return failed;
        (CandidateYears, Version) = (Setting.CandidateYears, Setting.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await Api.PutAsync<RetentionSetting>($"/api/programs/{ProgramSlug}/candidates/retention", new { candidateYears = CandidateYears, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path("/retention?saved=true"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var setting = await Api.GetAsync<RetentionSetting>($"/api/programs/{ProgramSlug}/candidates/retention", ct);
        if (!setting.Ok)
            return Failed(setting);
        Setting = setting.Value!;
        return null;
    }
}
