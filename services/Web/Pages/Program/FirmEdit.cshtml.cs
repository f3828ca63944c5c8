using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録内容の編集 — the office corrects or completes a firm's entry (a firm entered from a recruiter's membership has no
/// licence number until it is given here); a change made by someone else in the meantime is refused (409).
/// </summary>
[PageAccess(ProgramRole.Office)]
public sealed class FirmEditModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public FirmForm Form { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Firm? Firm { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        Form = FirmForm.Of(Firm!);
        Version = Firm!.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        // The contacts the form does not show stay as they are.
        Form.OtherContacts = [.. Firm!.Contacts.Skip(1)];
        var result = await Api.PutAsync<Firm>($"/api/programs/{ProgramSlug}/firms/{id}", Form.ToRequest(Version), ct);
        return await AnsweredAsync(result, _ => Path("/firms?saved=" + id), () => Task.FromResult<IActionResult?>(null), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var firm = await Api.GetAsync<Firm>($"/api/programs/{ProgramSlug}/firms/{id}", ct);
        if (!firm.Ok)
            return Failed(firm);
        Firm = firm.Value;
        return null;
    }
}
