using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using static Matching.Web.Ui;

namespace Matching.Web.Pages.Program;

/// <summary>経営者との相談 — logs a consultation with a company's manager; it counts towards the program's KPIs.</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class ConsultationNewModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    public sealed class ConsultationForm
    {
        public Guid? CompanyId { get; set; }

        public string? Date { get; set; }

        public string? Channel { get; set; } = "visit";

        /// <summary>One or more names, separated by 、 or commas; the first is the main coordinator.</summary>
        public string? Coordinators { get; set; }

        public List<string> Issues { get; set; } = [];

        public string? OtherIssue { get; set; }

        public string? Notes { get; set; }

        public string? NextAction { get; set; }

        public string? NextActionDate { get; set; }

        public bool NeedIdentified { get; set; }
    }

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
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/consultations", new
        {
            companyId = Form.CompanyId,
            date = string.IsNullOrWhiteSpace(Form.Date) ? null : Form.Date,
            coordinators = Names(Form.Coordinators),
            channel = string.IsNullOrWhiteSpace(Form.Channel) ? null : Form.Channel,
            issues = Form.Issues,
            otherIssue = string.IsNullOrWhiteSpace(Form.OtherIssue) ? null : Form.OtherIssue,
            notes = Form.Notes,
            nextAction = string.IsNullOrWhiteSpace(Form.NextAction) ? null : Form.NextAction,
            nextActionDate = string.IsNullOrWhiteSpace(Form.NextActionDate) ? null : Form.NextActionDate,
            needIdentified = Form.NeedIdentified,
        }, ct);
        return await AnsweredAsync(result, created => Path($"/consultations/{created!.Id}"), async () =>
        {
            await LoadCompaniesAsync(ct);
            return null;
        }, 400, 409);
    }

    private async Task LoadCompaniesAsync(CancellationToken ct)
    {
        var companies = await Api.GetAsync<ListPage<Company>>($"/api/programs/{ProgramSlug}/companies?pageSize=100", ct);
        Companies = companies.Value?.Items ?? [];
    }
}
