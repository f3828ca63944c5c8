using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Matching.Web.Pages;

/// <summary>
/// A page for signed-in users: asks the API who the user is (the session cookie goes along), sends strangers to
/// sign-in, and answers 403 where the page's rule does not admit the user. The API checks every call again.
/// </summary>
public abstract class UserPage(ApiClient api) : PageModel
{
    protected ApiClient Api => api;

    public MatchingUser CurrentUser { get; private set; } = null!;

    /// <summary>Set by program pages: the program in the route and the user's role in it.</summary>
    public Membership? Membership { get; protected set; }

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var me = await api.GetAsync<MatchingUser>("/api/me", HttpContext.RequestAborted);
        if (!me.Ok || me.Value is null)
        {
            context.Result = Redirect("/signin?returnUrl=" + Uri.EscapeDataString(Request.Path + Request.QueryString));
            return;
        }
        CurrentUser = me.Value;
        var refusal = Admit(CurrentUser);
        if (refusal is not null)
        {
            context.Result = Refused(refusal.Value);
            return;
        }
        await next();
    }

    /// <summary>What the API refused in the last form post, shown next to the fields.</summary>
    public ApiProblem? Problem { get; protected set; }

    /// <summary>
    /// After a form post to the API: on success go on to <paramref name="next"/>; a refusal the user can correct (the
    /// statuses in <paramref name="shown"/>) shows the page again with its messages; anything else is a failure page.
    /// </summary>
    protected async Task<IActionResult> AnsweredAsync<T>(
        ApiResult<T> result, Func<T?, string> next, Func<Task<IActionResult?>> reload, params int[] shown)
    {
        if (result.Ok)
            return Redirect(next(result.Value));
        if (!shown.Contains((int)result.Status))
            return Failed(result);
        Problem = result.Problem;
        Response.StatusCode = (int)result.Status;
        return await reload() ?? Page();
    }

    /// <summary>Null when the user may see the page, else the status to answer (403, 404).</summary>
    protected virtual int? Admit(MatchingUser user) => null;

    /// <summary>An API refusal or failure becomes the same page a browser gets for it.</summary>
    protected IActionResult Failed<T>(ApiResult<T> result) => Refused((int)result.Status is 403 or 404 ? (int)result.Status : 500);

    /// <summary>A page in the layout that says why (403, 404, 500), with that status.</summary>
    protected IActionResult Refused(int status)
    {
        var view = new ViewResult
        {
            ViewName = "Refused",
            StatusCode = status,
            ViewData = new Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary<UserPage>(ViewData, this),
        };
        view.ViewData["Status"] = status;
        return view;
    }
}

/// <summary>An operators' page (<c>/admin/…</c>): users, roles, programs.</summary>
public abstract class OperatorPage(ApiClient api) : UserPage(api)
{
    protected override int? Admit(MatchingUser user) => user.IsAdmin ? null : 403;
}

/// <summary>A page of one program (<c>/p/{program}/…</c>) for the roles its <see cref="PageAccessAttribute"/> names.</summary>
public abstract class ProgramPage(ApiClient api) : UserPage(api)
{
    private IReadOnlyList<ProgramRole> Roles =>
        (GetType().GetCustomAttributes(typeof(PageAccessAttribute), false).OfType<PageAccessAttribute>().FirstOrDefault()
         ?? throw new InvalidOperationException($"{GetType().Name} declares no [PageAccess].")).Roles;

    [FromRoute(Name = "program")]
    public string ProgramSlug { get; set; } = "";

    public bool Is(ProgramRole role) => Membership?.Role == role;

    protected override int? Admit(MatchingUser user)
    {
        Membership = user.MembershipOf(ProgramSlug);
        if (Membership is null)
            return 404;
        return Roles.Contains(Membership.Role) ? null : 403;
    }

    public string Path(string rest = "") => $"/p/{ProgramSlug}{rest}";

    /// <summary>
    /// Reads what the page shows for its query (a report of a year, a search): a query the API refuses (400) shows on the
    /// page as a problem; any other failure answers the request instead of the page.
    /// </summary>
    protected async Task<(T? Value, IActionResult? Failure)> ReadAsync<T>(string path, CancellationToken ct)
    {
        var result = await Api.GetAsync<T>(path, ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
        {
            Problem = result.Problem;
            return (default, null);
        }
        return result.Ok ? (result.Value, null) : (default, Failed(result));
    }
}

/// <summary>A program page that reports on a fiscal year (<c>?fiscalYear=2025&amp;asOf=2026-01-31</c>), this year by default.</summary>
public abstract class FiscalYearPage(ApiClient api, TimeProvider clock, int yearsToOffer) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public int? FiscalYear { get; set; }

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfText { get; set; }

    public Contracts.FiscalYear Year { get; private set; }

    /// <summary>The years the page offers: this one and the ones before, and the chosen one if it is older.</summary>
    public IReadOnlyList<Contracts.FiscalYear> Years { get; private set; } = [];

    /// <summary>Today in Japan.</summary>
    protected DateOnly Today => Ui.Today(clock);

    /// <summary>The API's query for the chosen year and as-of date.</summary>
    public string Query => $"fiscalYear={Year.StartYear}" + (string.IsNullOrWhiteSpace(AsOfText) ? "" : $"&asOf={Uri.EscapeDataString(AsOfText)}");

    protected void ChooseYear()
    {
        var current = Contracts.FiscalYear.Of(Today);
        Year = FiscalYear is { } y && y is >= Contracts.FiscalYear.MinStartYear and <= Contracts.FiscalYear.MaxStartYear ? new Contracts.FiscalYear(y) : current;
        Years = [.. Enumerable.Range(0, yearsToOffer).Select(i => new Contracts.FiscalYear(current.StartYear - i))];
        if (!Years.Contains(Year))
            Years = [Year, .. Years];
    }
}
