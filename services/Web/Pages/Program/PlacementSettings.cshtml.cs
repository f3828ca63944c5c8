using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The office's settings of placements: when a placement counts (計上基準, from a 1 April), the follow-up months, the stage
/// names, and each firm's fee terms with their refund bands (返戻金).
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class PlacementSettingsModel(ApiClient api) : ProgramPage(api)
{
    public PlacementSettingsView Settings { get; private set; } = null!;

    public IReadOnlyList<FirmFeeTerms> Fees { get; private set; } = [];

    [BindProperty] public string? Rule { get; set; }
    [BindProperty] public DateOnly? EffectiveFrom { get; set; }
    [BindProperty] public string? Months { get; set; }
    [BindProperty] public Dictionary<string, string> StageNames { get; set; } = [];
    [BindProperty] public Guid FirmId { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public decimal? SharePercent { get; set; }
    [BindProperty] public long? FixedYen { get; set; }
    [BindProperty] public string? Bands { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostRuleAsync(CancellationToken ct)
    {
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/placement-settings/counting-rules",
            new { rule = Rule, effectiveFrom = EffectiveFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }, ct);
        return await AnsweredAsync(result, _ => Path("/placement-settings?saved=rule"), () => LoadAsync(ct), 400, 409);
    }

    public async Task<IActionResult> OnPostSettingsAsync(CancellationToken ct)
    {
        var months = (Months ?? "").Split([',', '、', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(m => int.TryParse(m, out var n) ? n : -1).ToList();
        var result = await Api.PutAsync<object>($"/api/programs/{ProgramSlug}/placement-settings",
            new { stageNames = StageNames.Where(p => !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(), followUpMonths = months }, ct);
        return await AnsweredAsync(result, _ => Path("/placement-settings?saved=settings"), () => LoadAsync(ct), 400);
    }

    public async Task<IActionResult> OnPostFeeAsync(CancellationToken ct)
    {
        // 返戻金: "1:80, 3:50, 6:10" — within 1 month 80%, within 3 months 50%, within 6 months 10%.
        var bands = (Bands ?? "").Split([',', '、'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(b => b.Split(':', '：')).Select(p => new
            {
                withinMonths = p.Length == 2 && int.TryParse(p[0], out var m) ? m : -1,
                refundPercent = p.Length == 2 && int.TryParse(p[1].TrimEnd('%', '％'), out var r) ? r : -1,
            }).ToList();
        var result = await Api.PutAsync<object>($"/api/programs/{ProgramSlug}/fee-terms/{FirmId}",
            new { kind = Kind, sharePercent = Kind == "share" ? SharePercent : null, fixedYen = Kind == "fixed" ? FixedYen : null, refundBands = bands }, ct);
        return await AnsweredAsync(result, _ => Path("/placement-settings?saved=fee"), () => LoadAsync(ct), 400, 404);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var settings = await Api.GetAsync<PlacementSettingsView>($"/api/programs/{ProgramSlug}/placement-settings", ct);
        if (!settings.Ok)
            return Failed(settings);
        Settings = settings.Value!;
        Fees = (await Api.GetAsync<IReadOnlyList<FirmFeeTerms>>($"/api/programs/{ProgramSlug}/fee-terms", ct)).Value ?? [];
        return null;
    }
}
