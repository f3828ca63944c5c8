using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>アフターフォロー — the program's follow-ups of a period (this week by default), one's own or everyone's, with CSV and a calendar feed.</summary>
[PageAccess(ProgramRole.Coordinator, ProgramRole.Office)]
public sealed class FollowUpsModel(ApiClient api, TimeProvider clock) : ProgramPage(api)
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; } = true;

    public IReadOnlyList<DueFollowUp> Items { get; private set; } = [];

    public string Query { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var today = Ui.Today(clock);
        From ??= today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        To ??= From.Value.AddDays(6);
        Query = $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}" + (Mine && Is(ProgramRole.Coordinator) ? $"&coordinator={CurrentUser.Id}" : "");
        var (items, failure) = await ReadAsync<IReadOnlyList<DueFollowUp>>($"/api/programs/{ProgramSlug}/follow-ups?{Query}", ct);
        if (failure is not null)
            return failure;
        Items = items!;
        return Page();
    }
}
