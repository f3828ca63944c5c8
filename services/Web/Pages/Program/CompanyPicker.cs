using Matching.Web.Api;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 企業の選択 — a company chosen by typing part of its name, its reading (in any kana) or its corporate number. With
/// script the field is a WAI-ARIA combobox fed by <c>/p/{program}/company-suggestions</c>; without, the 検索 button
/// posts the form and the page offers what the search found as radio buttons, everything typed so far kept. As a
/// filter (<paramref name="Required"/> false) it is optional and not where the page opens.
/// </summary>
public sealed record CompanyPicker(string Program, string Field, Guid? ChosenId, string? Text, IReadOnlyList<Company>? Found, ApiProblem? Problem,
    bool Required = true)
{
    /// <summary>At most this many suggestions: a longer list is a sign to type one more character.</summary>
    public const int SuggestionCount = 10;

    /// <summary>The text field's id and name: companyId's is companyQuery.</summary>
    public string InputId => (Field.EndsWith("Id", StringComparison.Ordinal) ? Field[..^2] : Field) + "Query";

    public string Source => $"/p/{Program}/company-suggestions";

    /// <summary>The kana-folded company search of the Companies API (a text of more than 100 characters is not searched).</summary>
    public static async Task<IReadOnlyList<Company>> SearchAsync(ApiClient api, string program, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > 100)
            return [];
        var found = await api.GetAsync<ListPage<Company>>(
            $"/api/programs/{program}/companies?q={Uri.EscapeDataString(text.Trim())}&pageSize={SuggestionCount}", ct);
        return found.Value?.Items ?? [];
    }

    /// <summary>The company's name for a chosen id, when the form comes back without the text (opened from its page).</summary>
    public static async Task<string?> NameAsync(ApiClient api, string program, Guid? id, CancellationToken ct) =>
        id is { } chosen ? (await api.GetAsync<Company>($"/api/programs/{program}/companies/{chosen}", ct)).Value?.Name : null;

    /// <summary>
    /// The companies to choose from when the post is a search rather than the form's own: the 検索 button, or a text
    /// that is not the chosen company's name (typed without script, or without choosing a suggestion). Null: go on.
    /// </summary>
    public static async Task<IReadOnlyList<Company>?> ChoosingAsync(
        ApiClient api, string program, Guid? chosenId, string? text, bool find, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
            return find ? [] : null;
        if (!find && chosenId is not null && await NameAsync(api, program, chosenId, ct) == text.Trim())
            return null;
        return await SearchAsync(api, program, text, ct);
    }
}
