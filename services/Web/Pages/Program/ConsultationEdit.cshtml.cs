using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>修正 — corrects what a consultation says; the version it replaces stays in its history.</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class ConsultationEditModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public ConsultationForm Form { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Consultation? Consultation { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        var roster = Form.Roster;
        Form = ConsultationForm.Of(Consultation!);
        Form.Roster = roster;
        Version = Consultation!.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var body = Form.ToContent();
        body["version"] = Version;
        var result = await Api.PutAsync<Consultation>($"/api/programs/{ProgramSlug}/consultations/{id}", body, ct);
        return await AnsweredAsync(result, _ => Path($"/consultations/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var consultation = await Api.GetAsync<Consultation>($"/api/programs/{ProgramSlug}/consultations/{id}", ct);
        if (!consultation.Ok)
            return Failed(consultation);
        Consultation = consultation.Value;
        Form.Roster = await ConsultationForm.RosterAsync(Api, ProgramSlug, ct);
        return null;
    }
}
