using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>マッチングの重み — how much each fit weighs in the program's match scores; the office changes them.</summary>
[PageAccess(ProgramRole.Office, ProgramRole.Coordinator)]
public sealed class MatchWeightsModel(ApiClient api) : ProgramPage(api)
{
    /// <summary>The weights in the order the form shows them, with their labels.</summary>
    public static readonly IReadOnlyList<(string Field, string Ja, string En)> Fields =
    [
        ("requiredSkills", "必須スキル", "Required skills"),
        ("preferredSkills", "歓迎スキル", "Preferred skills"),
        ("employmentForm", "雇用形態", "Employment form"),
        ("area", "勤務地", "Place of work"),
        ("remote", "リモート", "Remote work"),
        ("uTurn", "U ターン", "U-turn"),
        ("availability", "就業可能日", "Availability"),
        ("pay", "給与", "Pay"),
    ];

    public MatchWeightsSetting Setting { get; private set; } = null!;

    [BindProperty]
    public Dictionary<string, int?> Weights { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public int? Value(string field) => Weights.GetValueOrDefault(field);

    public static int Of(MatchWeights w, string field) => field switch
    {
        "requiredSkills" => w.RequiredSkills,
        "preferredSkills" => w.PreferredSkills,
        "employmentForm" => w.EmploymentForm,
        "area" => w.Area,
        "remote" => w.Remote,
        "uTurn" => w.UTurn,
        "availability" => w.Availability,
        _ => w.Pay,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
            return failed;
        Weights = Fields.ToDictionary(f => f.Field, f => (int?)Of(Setting.Weights, f.Field));
        Version = Setting.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = Fields.ToDictionary(f => f.Field, f => (object?)Value(f.Field));
        body["version"] = Version;
        var result = await Api.PutAsync<MatchWeightsSetting>($"/api/programs/{ProgramSlug}/candidates/match-weights", body, ct);
        return await AnsweredAsync(result, _ => Path("/match-weights?saved=true"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var setting = await Api.GetAsync<MatchWeightsSetting>($"/api/programs/{ProgramSlug}/candidates/match-weights", ct);
        if (!setting.Ok)
            return Failed(setting);
        Setting = setting.Value!;
        return null;
    }
}
