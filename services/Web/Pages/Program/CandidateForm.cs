using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>A candidate's profile as the registration and correction forms post it.</summary>
public sealed class CandidateForm
{
    /// <summary>Career rows the form offers.</summary>
    public const int CareerRows = 3;

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

    /// <summary>Only on correction: the status and the version the coordinator saw.</summary>
    public string? Status { get; set; }
    public int? Version { get; set; }

    public sealed class CareerRow
    {
        public string? Company { get; set; }
        public string? Role { get; set; }
        public int? FromYear { get; set; }
        public int? ToYear { get; set; }

        public bool IsEmpty => string.IsNullOrWhiteSpace(Company) && string.IsNullOrWhiteSpace(Role) && FromYear is null && ToYear is null;
    }

    /// <summary>The form as the candidate's record reads it, for a correction.</summary>
    public static CandidateForm Of(Candidate c)
    {
        var form = new CandidateForm
        {
            Name = c.Name, NameKana = c.NameKana, Email = c.Email, Phone = c.Phone, PrefectureCode = c.PrefectureCode, MunicipalityCode = c.MunicipalityCode,
            HometownPrefectureCode = c.HometownPrefectureCode, BirthYear = c.BirthYear, CareerSummary = c.CareerSummary,
            Career = [.. c.Career.Select(j => new CareerRow { Company = j.Company, Role = j.Role, FromYear = j.FromYear, ToYear = j.ToYear })],
            Skills = string.Join("、", c.Skills.Select(s => s.Name)), Tags = string.Join("、", c.Tags), Languages = string.Join("、", c.Languages),
            Licences = string.Join("、", c.Licences), EmploymentForms = [.. c.EmploymentForms], DesiredAreas = string.Join("、", c.DesiredAreas),
            Remote = c.Remote, SideJobHoursPerWeek = c.SideJobHoursPerWeek, DesiredPayUnit = c.DesiredPayUnit ?? "year", DesiredPayYen = c.DesiredPayYen,
            AvailableFrom = c.AvailableFrom, Status = c.Status, Version = c.Version,
        };
        while (form.Career.Count < CareerRows)
            form.Career.Add(new CareerRow());
        return form;
    }

    /// <summary>The API's body: filled career rows first (so the API's career[i] names the row the page shows at i), lists split at 、 or commas.</summary>
    public Dictionary<string, object?> ToBody()
    {
        static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
        Career = [.. Career.Where(c => !c.IsEmpty), .. Career.Where(c => c.IsEmpty)];
        while (Career.Count < CareerRows)
            Career.Add(new CareerRow());
        // A registration has no status or version: the API refuses fields a request does not have.
        var body = new Dictionary<string, object?>
        {
            ["name"] = Name ?? "",
            ["nameKana"] = NameKana ?? "",
            ["email"] = Blank(Email),
            ["phone"] = Blank(Phone),
            ["prefectureCode"] = PrefectureCode ?? "",
            ["municipalityCode"] = Blank(MunicipalityCode),
            ["hometownPrefectureCode"] = Blank(HometownPrefectureCode),
            ["birthYear"] = BirthYear,
            ["careerSummary"] = Blank(CareerSummary),
            ["career"] = Career.Where(c => !c.IsEmpty).Select(c => new { company = c.Company ?? "", role = c.Role ?? "", fromYear = c.FromYear, toYear = c.ToYear }),
            ["skills"] = Ui.Names(Skills),
            ["tags"] = Ui.Names(Tags),
            ["languages"] = Ui.Names(Languages),
            ["licences"] = Ui.Names(Licences),
            ["employmentForms"] = EmploymentForms,
            ["desiredAreas"] = Ui.Names(DesiredAreas),
            ["remote"] = Remote,
            ["sideJobHoursPerWeek"] = SideJobHoursPerWeek,
            ["desiredPayUnit"] = DesiredPayYen is null ? null : DesiredPayUnit,
            ["desiredPayYen"] = DesiredPayYen,
            ["availableFrom"] = AvailableFrom,
        };
        if (Version is not null)
        {
            body["status"] = Blank(Status);
            body["version"] = Version;
        }
        return body;
    }
}
