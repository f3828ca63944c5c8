using Matching.Platform.Auth;
using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Program;

/// <summary>
/// 登録者の登録 — a coordinator registers a professional in the talent data bank. The form asks only what the bank may
/// collect (職業安定法 第5条の5): no 本籍・出生地, beliefs, union membership or family.
/// </summary>
[PageAccess(ProgramRole.Coordinator)]
public sealed class CandidateNewModel(ApiClient api) : ProgramPage(api)
{
    [BindProperty(Name = "")]
    public CandidateForm Form { get; set; } = new();

    /// <summary>The coordinator saw the possible duplicates and registers someone else.</summary>
    [BindProperty]
    public bool ConfirmNotDuplicate { get; set; }

    /// <summary>重複の候補: registrations that are probably the same person, shown instead of registering.</summary>
    public IReadOnlyList<PossibleDuplicate> Duplicates { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var body = Form.ToBody();
        if (ConfirmNotDuplicate)
            body["confirmNotDuplicate"] = true;
        var result = await Api.PostAsync<Created>($"/api/programs/{ProgramSlug}/candidates", body, ct);
        if (result.Status == System.Net.HttpStatusCode.Conflict && result.Problem?.Body is { } problem && problem.TryGetProperty("duplicates", out var found))
            Duplicates = System.Text.Json.JsonSerializer.Deserialize<List<PossibleDuplicate>>(found, Matching.Platform.Http.MatchingJson.Options) ?? [];
        return await AnsweredAsync(result, created => Path($"/candidates/{created!.Id}"), () => Task.FromResult<IActionResult?>(null), 400, 409);
    }
}
