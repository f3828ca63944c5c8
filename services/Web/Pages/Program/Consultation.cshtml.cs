using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One consultation: what was discussed, its corrections (修正履歴), the need it led to; voided here with a reason.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ConsultationModel(ApiClient api) : ProgramPage(api)
{
    public Consultation Consultation { get; private set; } = null!;


    public IReadOnlyList<Need> Needs { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public int Version { get; set; }

    /// <summary>Just logged: the page confirms it and offers to log the next one.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Saved { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    /// <summary>取消 — voids the consultation; it stays in the log and no longer counts.</summary>
    public async Task<IActionResult> OnPostVoidAsync(Guid id, CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        var result = await Api.PostAsync<object>($"/api/programs/{ProgramSlug}/consultations/{id}/void", new { reason = Reason ?? "", version = Version }, ct);
        return await AnsweredAsync(result, _ => Path($"/consultations/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var consultation = await Api.GetAsync<Consultation>($"/api/programs/{ProgramSlug}/consultations/{id}", ct);
        if (!consultation.Ok)
            return Failed(consultation);
        Consultation = consultation.Value!;
        var needs = await Api.GetAsync<ListPage<Need>>($"/api/programs/{ProgramSlug}/needs?companyId={Consultation.CompanyId}&pageSize=200", ct);
        Needs = needs.Value?.Items.Where(n => n.ConsultationId == id).ToList() ?? [];
        return null;
    }
}
