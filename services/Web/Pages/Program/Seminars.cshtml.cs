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

        /// <summary>The companies chosen in the combobox or among the suggestions for a name.</summary>
        public List<Guid> CompanyIds { get; set; } = [];
    }

    /// <summary>A name of the sign-up sheet that is not exactly one registered company, with the companies it may mean.</summary>
    public sealed record UnknownName(string Name, IReadOnlyList<Company> Suggestions);

    public IReadOnlyList<UnknownName> Unknown { get; private set; } = [];

    /// <summary>The chosen companies, named, to show as checked boxes again after a refused post.</summary>
    public IReadOnlyList<Company> Chosen { get; private set; } = [];

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
        // Names become ids through the search. A name that is not exactly one registered company is answered with the
        // companies it may mean; one of them chosen (a checked box) answers the name.
        var ids = Form.CompanyIds.Distinct().ToList();
        var unknown = new List<UnknownName>();
        var chosen = new List<Company>();
        foreach (var name in (Form.Companies ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var key = Contracts.CompanyName.Key(name);
            var found = await CompanyPicker.SearchAsync(Api, ProgramSlug, key, ct);
            var exact = found.Where(c => Contracts.CompanyName.Key(c.Name) == key).ToList();
            if (exact.Count == 1)
            {
                ids.Add(exact[0].Id);
                continue;
            }
            if (!found.Any(c => Form.CompanyIds.Contains(c.Id)))
                unknown.Add(new UnknownName(name, found));
            chosen.AddRange(found.Where(c => Form.CompanyIds.Contains(c.Id)));
        }
        ids = [.. ids.Distinct()];
        if (unknown.Count > 0)
        {
            Unknown = unknown;
            Chosen = await NamedAsync(Form.CompanyIds.Except(chosen.Select(c => c.Id)), ct);
            Problem = new ApiProblem(null, new Dictionary<string, string[]>
            {
                ["companyIds"] = [Ui.L($"登録企業と一致しない名前があります: {string.Join("、", unknown.Select(u => u.Name))}。候補から選ぶか、名前を直してください。",
                    $"Some names match no registered company: {string.Join(", ", unknown.Select(u => u.Name))}. Choose one of the suggestions or correct the name.")],
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
        return await AnsweredAsync(result, _ => Path("/seminars"), async () =>
        {
            Chosen = await NamedAsync(Form.CompanyIds, ct);
            return await LoadAsync(ct);
        }, 400);
    }

    private async Task<IReadOnlyList<Company>> NamedAsync(IEnumerable<Guid> ids, CancellationToken ct)
    {
        var named = new List<Company>();
        foreach (var id in ids.Distinct())
        {
            if ((await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{id}", ct)).Value is { } company)
                named.Add(company);
        }
        return named;
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
