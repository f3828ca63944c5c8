using Matching.Platform.Auth;
using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>The companies a typed text finds, as the options of the company combobox (an HTML fragment, no layout).</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class CompanySuggestionsModel(ApiClient api) : ProgramPage(api)
{
    public IReadOnlyList<Company> Found { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct) =>
        Found = await CompanyPicker.SearchAsync(Api, ProgramSlug, q, ct);
}
