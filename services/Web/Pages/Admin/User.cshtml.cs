using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Admin;

/// <summary>
/// One user for operators: roles per program (add, remove), a new password for one who lost theirs, unlocking after
/// failed sign-ins, deactivating and activating the account. Each action is audited by the API.
/// </summary>
[PageAccess(Operators = true)]
public sealed class UserModel(ApiClient api) : OperatorPage(api)
{
    public UserAccount? Account { get; private set; }

    public IReadOnlyList<ProgramInfo> Programs { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<RecruitingFirmEntry>> Firms { get; private set; } = new Dictionary<string, IReadOnlyList<RecruitingFirmEntry>>();

    /// <summary>What was just done, for the confirmation.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Created { get; set; }

    [BindProperty] public string? Program { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Level { get; set; }
    [BindProperty] public string? Firm { get; set; }
    [BindProperty] public string? Password { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostGrantAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        var kept = Account!.Memberships.Where(m => m.Program != Program).Select(Existing).ToList();
        // The new role first, so a refusal names it as memberships[0].
        var memberships = new List<object> { Memberships.Of(Program ?? "", Role, Level, Firm) };
        memberships.AddRange(kept);
        var result = await Api.PutAsync<UserAccount>($"/api/users/{id}/memberships", new { memberships }, ct);
        return await AnsweredAsync(result, _ => $"/admin/users/{id}?done=granted", () => LoadAsync(id, ct), 400, 404);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } failed)
            return failed;
        var memberships = Account!.Memberships.Where(m => m.Program != Program).Select(Existing).ToList();
        var result = await Api.PutAsync<UserAccount>($"/api/users/{id}/memberships", new { memberships }, ct);
        return await AnsweredAsync(result, _ => $"/admin/users/{id}?done=revoked", () => LoadAsync(id, ct), 400, 404);
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid id, CancellationToken ct)
    {
        var result = await Api.PostAsync<object>($"/api/users/{id}/password", new { password = Password ?? "" }, ct);
        return await AnsweredAsync(result, _ => $"/admin/users/{id}?done=password", () => LoadAsync(id, ct), 400, 404);
    }

    public Task<IActionResult> OnPostUnlockAsync(Guid id, CancellationToken ct) => CommandAsync(id, "unlock", "unlocked", ct);

    public Task<IActionResult> OnPostDeactivateAsync(Guid id, CancellationToken ct) => CommandAsync(id, "deactivate", "deactivated", ct);

    public Task<IActionResult> OnPostActivateAsync(Guid id, CancellationToken ct) => CommandAsync(id, "activate", "activated", ct);

    private async Task<IActionResult> CommandAsync(Guid id, string command, string done, CancellationToken ct)
    {
        var result = await Api.PostAsync<object>($"/api/users/{id}/{command}", new { }, ct);
        return await AnsweredAsync(result, _ => $"/admin/users/{id}?done={done}", () => LoadAsync(id, ct), 404, 409);
    }

    private static object Existing(Matching.Platform.Auth.Membership m) => new
    {
        program = m.Program, role = m.Role.ToString().ToLowerInvariant(), level = m.Level?.ToString().ToLowerInvariant(), firm = m.Firm,
    };

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        var users = await Api.GetAsync<IReadOnlyList<UserAccount>>("/api/users", ct);
        if (!users.Ok)
            return Failed(users);
        Account = users.Value?.FirstOrDefault(u => u.Id == id);
        if (Account is null)
            return Refused(404);
        (Programs, Firms) = await Memberships.ChoicesAsync(Api, ct);
        return null;
    }
}
