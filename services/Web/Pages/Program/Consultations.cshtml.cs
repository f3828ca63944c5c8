using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 相談記録 — the consultation log as a work list: filtered by period, coordinator, channel, management issue and a word
/// in the notes, sorted, paged, each row opening its consultation, and the same list as CSV or Excel. Also what a KPI
/// number counts (voided entries shown struck through).
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ConsultationsModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Coordinator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Channel { get; set; }
    [BindProperty(SupportsGet = true)] public string? Issue { get; set; }
    [BindProperty(SupportsGet = true)] public string? Keyword { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public const int PageSize = 50;

    public ListPage<Consultation> Result { get; private set; } = new([], 1, PageSize, 0);

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
            Add("coordinator", Coordinator);
            Add("channel", Channel);
            Add("issue", Issue);
            Add("keyword", Keyword);
            Add("sort", Sort);
            return string.Join('&', parts);
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
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
}
