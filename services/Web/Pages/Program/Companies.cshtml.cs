using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The program's companies: search by name or kana (folded: ｶﾌﾞｼｷ finds カブシキ), municipality or address; filtered by
/// municipality and industry; 50音順 by default, or by the column chosen; paged.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CompaniesModel(ApiClient api) : ProgramPage(api)
{
    /// <summary>The columns a list sorts by, with the API's sort and the direction it sorts in.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortDirections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["reading"] = "ascending", ["name"] = "ascending", ["municipality"] = "ascending", ["registeredAt"] = "descending",
    };

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? MunicipalityCode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Industry { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Sort { get; set; } = "reading";

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public ListPage<Company> Result { get; private set; } = new([], 1, 20, 0);

    /// <summary>This list's query with another sort or page: the filters are kept.</summary>
    public string Query(string? sort = null, int page = 1) =>
        $"?q={Uri.EscapeDataString(Q ?? "")}&municipalityCode={Uri.EscapeDataString(MunicipalityCode ?? "")}"
        + $"&industry={Uri.EscapeDataString(Industry ?? "")}&sort={Uri.EscapeDataString(sort ?? Sort)}&page={page}";

    /// <summary>aria-sort of a column header: the order the list is in, when it is this column's.</summary>
    public string? AriaSort(string sort) => (Result.TotalIsAtLeast ? "registeredAt" : Sort) == sort ? SortDirections[sort] : null;

    /// <summary>The mark beside the header of the column the list is sorted by.</summary>
    public string Arrow(string sort) => AriaSort(sort) switch { "ascending" => " ▲", "descending" => " ▼", _ => "" };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!SortDirections.ContainsKey(Sort))
            Sort = "reading";
        var result = await Api.GetAsync<ListPage<Company>>(
            $"/api/programs/{ProgramSlug}/companies{Query(page: Math.Max(1, PageNumber))}&pageSize=20", ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
            Problem = result.Problem;
        else if (!result.Ok)
            return Failed(result);
        else
            Result = result.Value!;
        return Page();
    }
}
