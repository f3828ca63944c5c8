using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>セミナー・イベント — what the program held in a fiscal year, and recording one with the companies that came.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class SeminarsModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 6)
{
    public static readonly IReadOnlyList<(string Value, string Ja, string En)> Kinds =
    [
        ("seminar", "セミナー", "Seminar"),
        ("exchangeMeeting", "交流会", "Exchange meeting"),
        ("jointRecruiting", "合同採用説明会", "Joint recruiting event"),
        ("training", "研修", "Training"),
        ("other", "その他", "Other"),
    ];

    public sealed class SeminarForm
    {
        public string? Date { get; set; }

        public string? Kind { get; set; } = "seminar";

        public string? Title { get; set; }

        public string? Place { get; set; }

        public int? Participants { get; set; }

        /// <summary>The companies that took part, one name per line, as on the sign-up sheet.</summary>
        public string? Companies { get; set; }

        public string? Notes { get; set; }
    }

    [BindProperty(Name = "")]
    public SeminarForm Form { get; set; } = new();

    public IReadOnlyList<Seminar> Seminars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Form.Date = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return await LoadAsync(ct) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Is(ProgramRole.Coordinator))
            return Refused(403);
        // Names become ids through the search: a name that is not exactly one registered company is answered on the field.
        var ids = new List<Guid>();
        var unknown = new List<string>();
        foreach (var name in (Form.Companies ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = await Api.GetAsync<ListPage<Company>>($"/api/programs/{ProgramSlug}/companies?q={Uri.EscapeDataString(name)}&pageSize=100", ct);
            var key = Contracts.CompanyName.Key(name);
            var exact = found.Value?.Items.Where(c => Contracts.CompanyName.Key(c.Name) == key).ToList() ?? [];
            if (exact.Count == 1)
                ids.Add(exact[0].Id);
            else
                unknown.Add(name);
        }
        if (unknown.Count > 0)
        {
            Problem = new ApiProblem(null, new Dictionary<string, string[]>
            {
                ["companyIds"] = [Ui.L($"登録されていない（または同名が複数ある）企業: {string.Join("、", unknown)}", $"Not registered (or not unique): {string.Join(", ", unknown)}")],
            });
            Response.StatusCode = 400;
            return await LoadAsync(ct) ?? Page();
        }
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/seminars", new
        {
            date = string.IsNullOrWhiteSpace(Form.Date) ? null : Form.Date,
            kind = Form.Kind,
            title = Form.Title ?? "",
            place = string.IsNullOrWhiteSpace(Form.Place) ? null : Form.Place,
            participants = Form.Participants,
            companyIds = ids,
            notes = string.IsNullOrWhiteSpace(Form.Notes) ? null : Form.Notes,
        }, ct);
        return await AnsweredAsync(result, _ => Path("/seminars"), () => LoadAsync(ct), 400);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        ChooseYear();
        var seminars = await Api.GetAsync<IReadOnlyList<Seminar>>(
            $"/api/programs/{ProgramSlug}/seminars?from={Year.FirstDay:yyyy-MM-dd}&to={Year.LastDay:yyyy-MM-dd}", ct);
        if (!seminars.Ok)
            return Failed(seminars);
        Seminars = seminars.Value ?? [];
        return null;
    }
}
