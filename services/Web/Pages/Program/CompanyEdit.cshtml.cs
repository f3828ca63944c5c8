using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>企業情報の修正 — corrects a company's record; a change made by someone else in the meantime is refused (409).</summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CompanyEditModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public CompanyForm Form { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    public Company? Company { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        Form = CompanyForm.Of(Company!);
        Version = Company!.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PutAsync<Company>($"/api/programs/{ProgramSlug}/companies/{id}", Form.ToRequest(Version), ct);
        return await AnsweredAsync(result, _ => Path($"/companies/{id}"), () => LoadAsync(id, ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var company = await Api.GetAsync<Company>($"/api/programs/{ProgramSlug}/companies/{id}", ct);
        if (!company.Ok)
            return Failed(company);
        Company = company.Value;
        return null;
    }
}
