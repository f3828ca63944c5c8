using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// Registers a company. Before saving, likely duplicates (same corporate number, or same folded name in the same
/// municipality) are shown, and the coordinator confirms; the API refuses a second company with the same number anyway.
/// </summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CompanyNewModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public CompanyForm Form { get; set; } = new();

    [BindProperty]
    public bool Confirmed { get; set; }

    public IReadOnlyList<DuplicateCandidate> Duplicates { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var corporateNumber = string.IsNullOrWhiteSpace(Form.CorporateNumber) ? null : Form.CorporateNumber.Trim();
        if (!Confirmed && (corporateNumber is not null || (!string.IsNullOrWhiteSpace(Form.Name) && !string.IsNullOrWhiteSpace(Form.Municipality))))
        {
            var query = $"name={Uri.EscapeDataString(Form.Name ?? "")}&municipalityCode={Uri.EscapeDataString(Form.Municipality ?? "")}"
                        + (corporateNumber is null ? "" : $"&corporateNumber={Uri.EscapeDataString(corporateNumber)}");
            var duplicates = await Api.GetAsync<IReadOnlyList<DuplicateCandidate>>($"/api/programs/{ProgramSlug}/companies/duplicates?{query}", ct);
            if (duplicates is { Ok: true, Value.Count: > 0 })
            {
                Duplicates = duplicates.Value;
                Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict;
                return Page();
            }
        }
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/companies", Form.ToRequest(), ct);
        return await AnsweredAsync(result, created => Path($"/companies/{created!.Id}"), () => Task.FromResult<IActionResult?>(null), 400, 409);
    }
}
