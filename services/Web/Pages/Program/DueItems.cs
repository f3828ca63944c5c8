using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>Something a coordinator has to do by a day, wherever it comes from, with the page to do it on.</summary>
public sealed record DueItem(DateOnly DueOn, string Kind, string Title, string? Subject, string Link);

/// <summary>
/// The coordinator's due items up to a day, overdue ones included, from every source: the next actions of consultations
/// (次回アクション) and the follow-ups of the placements they follow (アフターフォロー). A service with due items of its own
/// adds its source to <see cref="Sources"/>; the home lists whatever they answer, by due date.
/// </summary>
public static class DueItems
{
    public delegate Task<IReadOnlyList<DueItem>> Source(ApiClient api, string program, Guid coordinator, DateOnly to, CancellationToken ct);

    public static readonly IReadOnlyList<Source> Sources = [NextActionsAsync, FollowUpsAsync];

    public static async Task<IReadOnlyList<DueItem>> UpToAsync(ApiClient api, string program, Guid coordinator, DateOnly to, CancellationToken ct)
    {
        var all = new List<DueItem>();
        foreach (var source in Sources)
            all.AddRange(await source(api, program, coordinator, to, ct));
        return [.. all.OrderBy(i => i.DueOn).ThenBy(i => i.Subject, StringComparer.Ordinal)];
    }

    private sealed record NextActionItem(Guid ConsultationId, Guid CompanyId, string? CompanyName, DateOnly Date, string NextAction, DateOnly DueOn);

    private static async Task<IReadOnlyList<DueItem>> NextActionsAsync(ApiClient api, string program, Guid coordinator, DateOnly to, CancellationToken ct)
    {
        var found = await api.GetAsync<IReadOnlyList<NextActionItem>>(
            $"/api/programs/{program}/consultations/next-actions?to={to:yyyy-MM-dd}&coordinator={coordinator}", ct);
        return [.. (found.Value ?? []).Select(a => new DueItem(
            a.DueOn, Ui.L("次回アクション", "Next action"), a.NextAction + (a.CompanyName is { } name ? $"（{name}）" : ""), a.CompanyName,
            $"/p/{program}/consultations/{a.ConsultationId}"))];
    }

    /// <summary>The coordinator's follow-ups still due up to the day (Placements answers its own due list through the end of this week).</summary>
    private static async Task<IReadOnlyList<DueItem>> FollowUpsAsync(ApiClient api, string program, Guid coordinator, DateOnly to, CancellationToken ct)
    {
        var found = await api.GetAsync<IReadOnlyList<DueFollowUp>>(
            $"/api/programs/{program}/follow-ups?from={to.AddDays(-366):yyyy-MM-dd}&to={to:yyyy-MM-dd}&coordinator={coordinator}&status=due", ct);
        return [.. (found.Value ?? []).Select(f => new DueItem(
            f.DueOn, Ui.L("アフターフォロー", "Follow-up"), Ui.L($"{f.Month} か月フォロー：{f.CompanyName}・{f.NeedRole}", $"{f.Month}-month follow-up: {f.CompanyName}, {f.NeedRole}"),
            f.CompanyName, $"/p/{program}/placements/{f.PlacementId}"))];
    }
}
