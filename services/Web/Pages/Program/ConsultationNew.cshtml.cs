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

    public IReadOnlyList<Company> Companies { get; private set; } = [];

    public async Task OnGetAsync(Guid? companyId, CancellationToken ct)
    {
        Form.CompanyId = companyId;
        Form.Date = Ui.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Form.Coordinators = CurrentUser.DisplayName;
        await LoadCompaniesAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = Form.ToContent();
        body["companyId"] = Form.CompanyId;
        body["date"] = string.IsNullOrWhiteSpace(Form.Date) ? null : Form.Date;
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/consultations", body, ct);
        return await AnsweredAsync(result, created => Path($"/consultations/{created!.Id}?saved=true"), async () =>
        {
            await LoadCompaniesAsync(ct);
            return null;
        }, 400, 409);
    }

    private async Task LoadCompaniesAsync(CancellationToken ct)
    {
        var companies = await Api.GetAsync<ListPage<Company>>($"/api/programs/{ProgramSlug}/companies?pageSize=100", ct);
        var list = (companies.Value?.Items ?? []).ToList();
        // The company the form was opened for (from its page) is always offered, wherever it falls in the list.
        if (Form.CompanyId is { } chosen && list.All(c => c.Id != chosen)
            && (await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{chosen}", ct)).Value is { } company)
            list.Insert(0, company);
        Companies = list;
    }
}
