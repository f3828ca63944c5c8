using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>経営者との相談 — logs a consultation with a company's manager; it counts towards the program's KPIs.</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class ConsultationNewModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public ConsultationForm Form { get; set; } = new();

    /// <summary>What was typed in the company field (the chosen company's name, or a search).</summary>
    [BindProperty(Name = "companyQuery")]
    public string? CompanyQuery { get; set; }

    /// <summary>The 検索 button of the company field: a search, when script did not offer suggestions.</summary>
    [BindProperty(Name = "findCompany")]
    public bool FindCompany { get; set; }

    /// <summary>The companies a search without script found, to choose from.</summary>
    public IReadOnlyList<Company>? Found { get; private set; }

    public CompanyPicker Picker => new(ProgramSlug, "companyId", Form.CompanyId, CompanyQuery, Found, Problem);

    public async Task OnGetAsync(Guid? companyId, CancellationToken ct)
    {
        Form.CompanyId = companyId;
        Form.Date = Ui.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await LoadRosterAsync(ct);
        // The coordinator logging is the main one by default; someone the program's list lacks is named.
        if (Form.Roster.Any(m => m.UserId == CurrentUser.Id))
            Form.MainCoordinator = CurrentUser.Id;
        else
            Form.Coordinators = CurrentUser.DisplayName;
        CompanyQuery = await CompanyPicker.NameAsync(Api, ProgramSlug, companyId, ct);
        if (CompanyQuery is null)
            Form.CompanyId = null;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadRosterAsync(ct);
        if (await CompanyPicker.ChoosingAsync(Api, ProgramSlug, Form.CompanyId, CompanyQuery, FindCompany, ct) is { } found)
        {
            Found = found;
            return Page();
        }
        var body = Form.ToContent();
        body["companyId"] = Form.CompanyId;
        body["date"] = string.IsNullOrWhiteSpace(Form.Date) ? null : Form.Date;
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/consultations", body, ct);
        return await AnsweredAsync(result, created => Path($"/consultations/{created!.Id}?saved=true"), () => Task.FromResult<IActionResult?>(null), 400, 409);
    }

    private async Task LoadRosterAsync(CancellationToken ct) => Form.Roster = await ConsultationForm.RosterAsync(Api, ProgramSlug, ct);
}
