using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Admin;

/// <summary>監査ログ — every service's audit entries for operators, filtered by action, user and period.</summary>
[PageAccess(Operators = true)]
public sealed class AuditModel(ApiClient api) : OperatorPage(api)
{
    [BindProperty(SupportsGet = true, Name = "")]
    public AuditFilter Filter { get; set; } = new();

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string Here => "/admin/audit";

    public ListPage<AuditLogEntry> Entries { get; private set; } = new([], 1, 50, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await Api.GetAsync<ListPage<AuditLogEntry>>("/api/audit?" + Filter.Query(Math.Max(1, PageNumber)), ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
            Problem = result.Problem;
        else if (!result.Ok)
            return Failed(result);
        Entries = result.Value ?? Entries;
        return Page();
    }
}
