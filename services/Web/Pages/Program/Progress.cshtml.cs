using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// The program office's morning page: every KPI against the plan for a fiscal year and as-of date, with progress
/// bars, a drill-down from a counted number to the records behind it, and the same report as CSV or Excel.
/// </summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class ProgressModel(ApiClient api, TimeProvider clock) : FiscalYearPage(api, clock, yearsToOffer: 12)
{
    public ProgressReport? Report { get; private set; }

    /// <summary>A year can be closed once its 31 March has passed (the API refuses a running one: a lock is never undone).</summary>
    public bool YearHasEnded => Report is not null && Today > new Contracts.FiscalYear(Report.FiscalYear).LastDay;

    public string ExportUrl(string extension) => $"/api/programs/{ProgramSlug}/kpis/progress.{extension}?{Query}";

    /// <summary>Counted consultations open the consultation log of the same period.</summary>
    public string? DrillDown(KpiProgress kpi, ProgressLine line)
    {
        // The consultation log lists every consultation of a period: it is what stands behind an unfiltered count of them.
        if (kpi.CountedKind != "consultation" || kpi.Filter is not null || Report is null)
            return null;
        var from = new FiscalYear(line.FromFiscalYear).FirstDay;
        var lastYear = new FiscalYear(Math.Min(line.ToFiscalYear, Report.FiscalYear));
        var to = lastYear.StartYear == Report.FiscalYear ? Report.AsOf : lastYear.LastDay;
        return Path($"/consultations?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ChooseYear();
        (Report, var failure) = await ReadAsync<ProgressReport>($"/api/programs/{ProgramSlug}/kpis/progress?{Query}", ct);
        return failure ?? Page();
    }
}
