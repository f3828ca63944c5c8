using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 成約 — one placement: the hire's terms and origin (道外・県外, U・I・Jターン), its follow-ups (アフターフォロー) with the form
/// to record the one due, the leaving of the person with the firm's refund, a cancel before the start, and the grants.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office, ProgramRole.Recruiter)]
public sealed class PlacementModel(ApiClient api) : ProgramPage(api)
{
    public PlacementDetails Details { get; private set; } = null!;

    public string CandidateLabel { get; private set; } = "";

    [BindProperty] public int Version { get; set; }
    [BindProperty] public Guid FollowUpId { get; set; }
    [BindProperty] public DateOnly? ContactedOn { get; set; }
    [BindProperty] public string? Channel { get; set; }
    [BindProperty] public bool ContactedCompany { get; set; }
    [BindProperty] public string? CompanyContact { get; set; }
    [BindProperty] public bool ContactedPerson { get; set; }
    [BindProperty] public int? Satisfaction { get; set; }
    [BindProperty] public string? Issues { get; set; }
    [BindProperty] public string? StillEmployed { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public DateOnly? EndedOn { get; set; }
    [BindProperty] public string? GrantKind { get; set; }
    [BindProperty] public string? GrantStatus { get; set; }
    [BindProperty] public long? AmountYen { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostFollowUpAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/follow-ups/{FollowUpId}", new
        {
            contactedOn = ContactedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), channel = Empty(Channel),
            contactedCompany = ContactedCompany, companyContact = Empty(CompanyContact), contactedPerson = ContactedPerson, satisfaction = Satisfaction,
            issues = Empty(Issues), stillEmployed = StillEmployed switch { "yes" => true, "no" => (bool?)false, _ => null }, note = Empty(Note),
        }, ct);
        return await AnsweredAsync(result, _ => Path($"/placements/{id}?saved=followUp"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid id, CancellationToken ct)
    {
        if (Is(ProgramRole.Recruiter))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/placements/{id}/end", new
        {
            version = Version, endedOn = EndedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = Empty(Reason), note = Empty(Note),
        }, ct);
        return await AnsweredAsync(result, _ => Path($"/placements/{id}?saved=ended"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (Is(ProgramRole.Office))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/placements/{id}/cancel", new { version = Version, reason = Empty(Reason), note = Empty(Note) }, ct);
        return await AnsweredAsync(result, _ => Path($"/placements/{id}?saved=cancelled"), () => LoadAsync(id, ct), 400, 409);
    }

    public async Task<IActionResult> OnPostGrantAsync(Guid id, CancellationToken ct)
    {
        if (Is(ProgramRole.Recruiter))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/placements/{id}/grants", new
        {
            kind = Empty(GrantKind), status = Empty(GrantStatus), amountYen = AmountYen, note = Empty(Note),
        }, ct);
        return await AnsweredAsync(result, _ => Path($"/placements/{id}?saved=grant"), () => LoadAsync(id, ct), 400, 409);
    }

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var details = await Api.GetAsync<PlacementDetails>($"/api/programs/{ProgramSlug}/placements/{id}", ct);
        if (!details.Ok)
            return Failed(details);
        Details = details.Value!;
        CandidateLabel = await CandidateLabels.OneAsync(Api, ProgramSlug, Details.Placement.CandidateId, Is(ProgramRole.Recruiter), ct);
        return null;
    }
}
