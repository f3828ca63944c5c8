using Matching.Contracts;
using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>One company and its consultations, newest first.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CompanyModel(ApiClient api) : ProgramPage(api)
{
    public Company Company { get; private set; } = null!;

    public IReadOnlyList<Consultation> Consultations { get; private set; } = [];

    public string PrefectureName => PrefectureCode.TryParse(Company.PrefectureCode, out var p) ? p.Name : Company.PrefectureCode;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var company = await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{id}", ct);
        if (!company.Ok)
            return Failed(company);
        Company = company.Value!;
        var consultations = await Api.GetAsync<ListPage<Consultation>>($"/api/programs/{ProgramSlug}/consultations?companyId={id}&pageSize=200", ct);
        Consultations = consultations.Value?.Items ?? [];
        return Page();
    }
}
