using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>人材ニーズの登録 — opens a company's talent need, from a consultation (its id comes along) or on its own.</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class NeedNewModel(ApiClient api) : ProgramPage(api)
{
    public sealed class NeedForm
    {
        public Guid? CompanyId { get; set; }

        public Guid? ConsultationId { get; set; }

        public string? Role { get; set; }

        public string? Description { get; set; }

        public string? RequiredSkills { get; set; }

        public string? PreferredSkills { get; set; }

        public string? EmploymentForm { get; set; } = "fullTime";

        public string? PayUnit { get; set; } = "year";

        /// <summary>The lower end of the pay as offices write it: 万円 for a year's or a month's pay, 円 for an hour's.</summary>
        public decimal? PayMin { get; set; }

        public decimal? PayMax { get; set; }

        /// <summary>Yearly and monthly pay is entered in 万円 (10,000 yen), hourly in yen; the API stores whole yen.</summary>
        public long? Yen(decimal? amount) =>
            amount is { } a ? (long)Math.Round(PayUnit == "hour" ? a : a * 10_000m, MidpointRounding.AwayFromZero) : null;

        public string? Remote { get; set; } = "none";

        public string? Urgency { get; set; } = "normal";

        /// <summary>募集人数.</summary>
        public int? Openings { get; set; } = 1;
    }

    [BindProperty(Name = "")]
    public NeedForm Form { get; set; } = new();

    public Company? Company { get; private set; }

    [BindProperty(Name = "companyQuery")]
    public string? CompanyQuery { get; set; }

    [BindProperty(Name = "findCompany")]
    public bool FindCompany { get; set; }

    public IReadOnlyList<Company>? Found { get; private set; }

    /// <summary>Opened without a company (from the needs list): the company is chosen on the form.</summary>
    public bool Choosing { get; set; }

    public CompanyPicker Picker => new(ProgramSlug, "companyId", Form.CompanyId, CompanyQuery, Found, Problem);

    public async Task<IActionResult> OnGetAsync(Guid? companyId, Guid? consultationId, CancellationToken ct)
    {
        Form.CompanyId = companyId;
        Form.ConsultationId = consultationId;
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Request.Form.ContainsKey("companyQuery")
            && await CompanyPicker.ChoosingAsync(Api, ProgramSlug, Form.CompanyId, CompanyQuery, FindCompany, ct) is { } found)
        {
            Found = found;
            Choosing = true;
            return Page();
        }
        if (Form.CompanyId is null)
        {
            Choosing = true;
            Problem = new ApiProblem(null, new Dictionary<string, string[]> { ["companyId"] = [Ui.L("企業を選んでください。", "Choose the company.")] });
            Response.StatusCode = 400;
            return Page();
        }
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/companies/{Form.CompanyId}/needs", new
        {
            consultationId = Form.ConsultationId,
            role = Form.Role ?? "",
            description = Form.Description,
            requiredSkills = Form.RequiredSkills,
            preferredSkills = Form.PreferredSkills,
            employmentForm = string.IsNullOrWhiteSpace(Form.EmploymentForm) ? null : Form.EmploymentForm,
            payUnit = Form.PayMin is null && Form.PayMax is null ? null : Form.PayUnit,
            payMinYen = Form.Yen(Form.PayMin),
            payMaxYen = Form.Yen(Form.PayMax),
            remote = Form.Remote,
            urgency = Form.Urgency,
            openings = Form.Openings,
        }, ct);
        return await AnsweredAsync(result, created => Path($"/needs/{created!.Id}"), () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (Form.CompanyId is null)
        {
            Choosing = true;
            return null;
        }
        var company = await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{Form.CompanyId}", ct);
        if (!company.Ok)
            return Failed(company);
        Company = company.Value;
        return null;
    }
}
