using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 紹介 — one introduction of a candidate for a need: where it stands, every step with who and when, moving it on (the
/// firm its own, the coordinator any), and the placement (成約) once the offer was accepted.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class IntroductionModel(ApiClient api) : ProgramPage(api)
{
    public IntroductionDetails Details { get; private set; } = null!;

    /// <summary>The candidate's name as the caller may see it: staff always; a firm only when a consent covers it.</summary>
    public string CandidateLabel { get; private set; } = "";

    [BindProperty] public string? Stage { get; set; }
    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public DateTime? InterviewAt { get; set; }
    [BindProperty] public string? Attendees { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public int Version { get; set; }
    [BindProperty] public DateOnly? StartOn { get; set; }
    [BindProperty] public decimal? AnnualPayMan { get; set; }
    [BindProperty] public long? FeeYen { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostStageAsync(Guid id, CancellationToken ct)
    {
        if (Is(ProgramRole.Office))
            return Refused(403);
        var interview = Stage == "interview";
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/introductions/{id}/stage", new
        {
            stage = string.IsNullOrEmpty(Stage) ? null : Stage, on = On?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            version = Version, reason = string.IsNullOrEmpty(Reason) ? null : Reason, note = string.IsNullOrWhiteSpace(Note) ? null : Note,
            interviewAt = interview && InterviewAt is { } at ? new DateTimeOffset(at, Matching.Contracts.JapanTime.Offset) : (DateTimeOffset?)null,
            attendees = interview && !string.IsNullOrWhiteSpace(Attendees)
                ? Attendees.Split(['、', ',', '，'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null,
        }, ct);
        return await AnsweredAsync(result, _ => Path($"/introductions/{id}?saved=stage"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostPlaceAsync(Guid id, CancellationToken ct)
    {
        if (Is(ProgramRole.Office))
            return Refused(403);
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/introductions/{id}/placement", new
        {
            version = Version, startOn = StartOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            annualPayYen = PlacementUi.ManYen(AnnualPayMan), feeYen = FeeYen, note = string.IsNullOrWhiteSpace(Note) ? null : Note,
        }, ct);
        return await AnsweredAsync(result, created => Path($"/placements/{created!.Id}?saved=placed"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await Api.GetAsync<IntroductionDetails>($"/api/programs/{ProgramSlug}/introductions/{id}", ct);
        if (!details.Ok)
            return Failed(details);
        Details = details.Value!;
        CandidateLabel = await CandidateLabels.OneAsync(Api, ProgramSlug, Details.Introduction.CandidateId, Is(ProgramRole.Recruiter), ct);
        return null;
    }
}

/// <summary>How screens name a candidate that another service's record points to.</summary>
public static class CandidateLabels
{
    /// <summary>Staff read names in one call; a firm reads the shared profile (a recorded provision), anonymised without consent.</summary>
    public static async Task<string> OneAsync(ApiClient api, string program, Guid candidate, bool firm, CancellationToken ct)
    {
        if (firm)
        {
            var shared = await api.GetAsync<System.Text.Json.JsonElement>($"/api/programs/{program}/candidates/{candidate}/shared", ct);
            return shared.Ok && shared.Value.TryGetProperty("name", out var name) && name.ValueKind == System.Text.Json.JsonValueKind.String
                ? name.GetString()!
                : Anonymous(candidate);
        }
        var names = await ManyAsync(api, program, [candidate], ct);
        return names.GetValueOrDefault(candidate, Anonymous(candidate));
    }

    public static async Task<IReadOnlyDictionary<Guid, string>> ManyAsync(ApiClient api, string program, IEnumerable<Guid> candidates, CancellationToken ct)
    {
        var ids = candidates.Distinct().Take(200).ToList();
        if (ids.Count == 0)
            return new Dictionary<Guid, string>();
        var result = await api.GetAsync<IReadOnlyList<CandidateName>>($"/api/programs/{program}/candidates/names?id={string.Join(',', ids)}", ct);
        return result.Value?.ToDictionary(n => n.Id, n => n.FullName) ?? new Dictionary<Guid, string>();
    }

    public static string Anonymous(Guid candidate) => Ui.L($"候補者（{candidate.ToString()[^8..]}）", $"Candidate ({candidate.ToString()[^8..]})");
}
