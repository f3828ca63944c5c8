using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録民間人材ビジネス事業者 — the program's registry of recruiting firms: coordinators see who they can refer to; the
/// office registers firms and suspends or withdraws a registration with its reason.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class FirmsModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    public IReadOnlyList<Firm> Firms { get; private set; } = [];

    /// <summary>This fiscal year's referrals per firm (事業者別の取次実績).</summary>
    public IReadOnlyList<FirmFigure> Figures { get; private set; } = [];

    public Contracts.FiscalYear Year { get; private set; }

    [BindProperty(Name = "")]
    public FirmForm Form { get; set; } = new();

    [BindProperty] public Guid FirmId { get; set; }
    [BindProperty] public string? Status { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public int Version { get; set; }

    /// <summary>The firm whose entry was just saved on its edit page, for the confirmation.</summary>
    public Firm? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? saved, CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } failed)
            return failed;
        Saved = Firms.FirstOrDefault(f => f.Id == saved);
        return Page();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        if (!Is(ProgramRole.Office))
            return Refused(403);
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/firms", Form.ToRequest(), ct);
        return await AnsweredAsync(result, _ => Path("/firms"), () => LoadAsync(ct), 400, 409);
    }

    public async Task<IActionResult> OnPostStatusAsync(CancellationToken ct)
    {
        if (!Is(ProgramRole.Office))
            return Refused(403);
        var result = await Api.PostAsync<Firm>($"/api/programs/{ProgramSlug}/firms/{FirmId}/status",
            new { status = string.IsNullOrEmpty(Status) ? null : Status, reason = Reason, version = Version }, ct);
        return await AnsweredAsync(result, _ => Path("/firms"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var firms = await Api.GetAsync<IReadOnlyList<Firm>>($"/api/programs/{ProgramSlug}/firms", ct);
        if (!firms.Ok)
            return Failed(firms);
        Firms = firms.Value!;
        Year = Contracts.FiscalYear.Of(Ui.Today(clock));
        var figures = await Api.GetAsync<IReadOnlyList<FirmFigure>>($"/api/programs/{ProgramSlug}/firms/figures?fiscalYear={Year.StartYear}", ct);
        Figures = figures.Value ?? [];
        return null;
    }
}
