using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録者の登録 — a coordinator registers a professional in the talent data bank. The form asks only what the bank may
/// collect (職業安定法 第5条の5): no 本籍・出生地, beliefs, union membership or family.
/// </summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CandidateNewModel(ApiClient api) : ProgramPage(api)
{
    /// <summary>Career rows the form offers.</summary>
    public const int CareerRows = 3;

    public sealed class CandidateForm
    {
        public string? Name { get; set; }
        public string? NameKana { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public string? PrefectureCode { get; set; }
        public string? MunicipalityCode { get; set; }
        public string? HometownPrefectureCode { get; set; }
        public int? BirthYear { get; set; }
        public string? CareerSummary { get; set; }
        public List<CareerRow> Career { get; set; } = [.. Enumerable.Range(0, CareerRows).Select(_ => new CareerRow())];
        public string? Skills { get; set; }
        public string? Tags { get; set; }
        public string? Languages { get; set; }
        public string? Licences { get; set; }
        public List<string> EmploymentForms { get; set; } = [];
        public string? DesiredAreas { get; set; }
        public string? Remote { get; set; } = "none";
        public int? SideJobHoursPerWeek { get; set; }
        public string? DesiredPayUnit { get; set; } = "year";
        public long? DesiredPayYen { get; set; }
        public DateOnly? AvailableFrom { get; set; }
    }

    public sealed class CareerRow
    {
        public string? Company { get; set; }
        public string? Role { get; set; }
        public int? FromYear { get; set; }
        public int? ToYear { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Company) && string.IsNullOrWhiteSpace(Role) && FromYear is null && ToYear is null;
    }

    [BindProperty(Name = "")]
    public CandidateForm Form { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        // Filled rows first, so the API's career[i] names the row the page shows at i.
        Form.Career = [.. Form.Career.Where(c => !c.IsEmpty), .. Form.Career.Where(c => c.IsEmpty)];
        while (Form.Career.Count < CareerRows)
            Form.Career.Add(new CareerRow());
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/candidates", new
        {
            name = Form.Name ?? "",
            nameKana = Form.NameKana ?? "",
            email = Blank(Form.Email),
            phone = Blank(Form.Phone),
            prefectureCode = Form.PrefectureCode ?? "",
            municipalityCode = Blank(Form.MunicipalityCode),
            hometownPrefectureCode = Blank(Form.HometownPrefectureCode),
            birthYear = Form.BirthYear,
            careerSummary = Blank(Form.CareerSummary),
            career = Form.Career.Where(c => !c.IsEmpty).Select(c => new { company = c.Company ?? "", role = c.Role ?? "", fromYear = c.FromYear, toYear = c.ToYear }),
            skills = Ui.Names(Form.Skills),
            tags = Ui.Names(Form.Tags),
            languages = Ui.Names(Form.Languages),
            licences = Ui.Names(Form.Licences),
            employmentForms = Form.EmploymentForms,
            desiredAreas = Ui.Names(Form.DesiredAreas),
            remote = Form.Remote,
            sideJobHoursPerWeek = Form.SideJobHoursPerWeek,
            desiredPayUnit = Form.DesiredPayYen is null ? null : Form.DesiredPayUnit,
            desiredPayYen = Form.DesiredPayYen,
            availableFrom = Form.AvailableFrom,
        }, ct);
        return await AnsweredAsync(result, created => Path($"/candidates/{created!.Id}"), () => Task.FromResult<IActionResult?>(null), 400);
    }
}
