using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 相談記録 — the consultation log as a work list: filtered by period, coordinator (one of the program's, by account, or
/// outside staff by name), company, channel, management issue and a word in the notes, sorted, paged, each row opening its consultation, and the same list as CSV or Excel. Also what a KPI
/// number counts (voided entries shown struck through).
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ConsultationsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CoordinatorId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Coordinator { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? CompanyId { get; set; }
    [BindProperty(SupportsGet = true)] public string? CompanyQuery { get; set; }
    [BindProperty(SupportsGet = true)] public bool FindCompany { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Issue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public const int PageSize = 50;

    public ListPage<Consultation> Result { get; private set; } = new([], 1, PageSize, 0);

    /// <summary>The program's coordinators to choose from, as the consultation form offers them.</summary>
    public IReadOnlyList<StaffMember> Roster { get; private set; } = [];

    /// <summary>The companies a search without script found, to choose from.</summary>
    public IReadOnlyList<Company>? Found { get; private set; }

    public CompanyPicker Picker => new(ProgramSlug, "companyId", CompanyId, CompanyQuery, Found, Problem, Required: false);

    /// <summary>The filters as a query string (without the page), for the API, the export links and the pages.</summary>
    public string Filters
    {
        get
        {
            var parts = new List<string>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value))
                    parts.Add($"{name}={Uri.EscapeDataString(value.Trim())}");
            }
            Add("from", From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Add("to", To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            Add("coordinatorId", CoordinatorId?.ToString());
            Add("coordinator", Coordinator);
            Add("companyId", CompanyId?.ToString());
            Add("channel", Channel);
            Add("issue", Issue);
            Add("keyword", Keyword);
            Add("sort", Sort);
            return string.Join('&', parts);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Roster = await ConsultationForm.RosterAsync(Api, ProgramSlug, ct);
        await ChooseCompanyAsync(ct);
        var page = Math.Max(1, PageNumber);
        var result = await Api.GetAsync<ListPage<Consultation>>($"/api/programs/{ProgramSlug}/consultations?pageSize={PageSize}&page={page}&{Filters}", ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
        {
            Problem = result.Problem;
            return Page();
        }
        if (!result.Ok)
            return Failed(result);
        Result = result.Value!;
        return Page();
    }

    /// <summary>
    /// A chosen company (by the combobox, a radio button or a link) is shown by its name; an emptied field drops it; a
    /// text typed without choosing, or the 検索 button, is a search to choose from, the list meanwhile not narrowed.
    /// </summary>
    private async Task ChooseCompanyAsync(CancellationToken ct)
    {
        if (Request.Query.ContainsKey("companyQuery") && string.IsNullOrWhiteSpace(CompanyQuery))
            CompanyId = null;
        else if (CompanyId is not null && !FindCompany)
            CompanyQuery = await CompanyPicker.NameAsync(Api, ProgramSlug, CompanyId, ct);
        else if (!string.IsNullOrWhiteSpace(CompanyQuery))
        {
            Found = await CompanyPicker.SearchAsync(Api, ProgramSlug, CompanyQuery, ct);
            CompanyId = null;
        }
    }
}
