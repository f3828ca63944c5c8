using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>The program's count of consultations with managers for a fiscal year, up to an as-of date.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class KpisModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)]
    public int? FiscalYear { get; set; }

    [BindProperty(SupportsGet = true, Name = "asOf")]
    public string? AsOfText { get; set; }

    public FiscalYear Year { get; private set; }

    public IReadOnlyList<FiscalYear> Years { get; private set; } = [];

    public ConsultationCount? Count { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var current = Contracts.FiscalYear.Of(Ui.Today(clock));
        Year = FiscalYear is { } y && y is >= Contracts.FiscalYear.MinStartYear and <= Contracts.FiscalYear.MaxStartYear ? new FiscalYear(y) : current;
        Years = [.. Enumerable.Range(0, 8).Select(i => new FiscalYear(current.StartYear - i))];
        var query = $"fiscalYear={Year.StartYear}" + (string.IsNullOrWhiteSpace(AsOfText) ? "" : $"&asOf={Uri.EscapeDataString(AsOfText)}");
        var result = await Api.GetAsync<ConsultationCount>($"/api/programs/{ProgramSlug}/kpis/consultations?{query}", ct);
        if (result.Status == System.Net.HttpStatusCode.BadRequest)
            Problem = result.Problem;
        else if (!result.Ok)
            return Failed(result);
        else
            Count = result.Value;
        return Page();
    }
}
