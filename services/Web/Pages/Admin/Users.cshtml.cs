using Matching.Web.Api;
using Microsoft.AspNetCore.Mvc;

namespace Matching.Web.Pages.Admin;

/// <summary>
/// ユーザー管理 — operators see every user with their roles and the account's state, find one by name, and add a user
/// with a first role; the same rules as the API and the <c>users add</c> command apply.
/// </summary>
[PageAccess(Operators = true)]
public sealed class UsersModel(ApiClient api) : OperatorPage(api)
{
    public IReadOnlyList<UserAccount> Users { get; private set; } = [];

    public IReadOnlyList<ProgramInfo> Programs { get; private set; } = [];

    /// <summary>Each program's registered firms, to choose a recruiter's firm.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RecruitingFirmEntry>> Firms { get; private set; } = new Dictionary<string, IReadOnlyList<RecruitingFirmEntry>>();

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty] public string? UserName { get; set; }
    [BindProperty] public string? DisplayName { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public bool IsAdmin { get; set; }
    [BindProperty] public string? Program { get; set; }
    [BindProperty] public string? Role { get; set; }
    [BindProperty] public string? Level { get; set; }

    /// <summary>A recruiter's firm, posted as <c>program|firmId</c> from the grouped choice.</summary>
    [BindProperty] public string? Firm { get; set; }

    public IEnumerable<UserAccount> Shown => string.IsNullOrWhiteSpace(Query)
        ? Users
        : Users.Where(u => u.UserName.Contains(Query.Trim(), StringComparison.OrdinalIgnoreCase) || u.DisplayName.Contains(Query.Trim(), StringComparison.OrdinalIgnoreCase));

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var memberships = string.IsNullOrEmpty(Program) ? [] : new[] { Memberships.Of(Program, Role, Level, Firm) };
        var result = await Api.PostAsync<UserAccount>("/api/users", new
        {
            userName = UserName ?? "", displayName = DisplayName ?? "", password = Password ?? "", isAdmin = IsAdmin, memberships,
            email = string.IsNullOrWhiteSpace(Email) ? null : Email.Trim(),
        }, ct);
        return await AnsweredAsync(result, created => $"/admin/users/{created!.Id}?created=true", () => LoadAsync(ct), 400, 409);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        var users = await Api.GetAsync<IReadOnlyList<UserAccount>>("/api/users", ct);
        if (!users.Ok)
            return Failed(users);
        Users = users.Value ?? [];
        (Programs, Firms) = await Memberships.ChoicesAsync(Api, ct);
        return null;
    }
}

/// <summary>How the operators' forms post a membership, and what they offer to choose from.</summary>
internal static class Memberships
{
    public static object Of(string program, string? role, string? level, string? firm)
    {
        // The firm choice carries its program: only a firm of the chosen program counts.
        var firmId = firm?.Split('|') is [var p, var id] && p == program ? id : null;
        return new
        {
            program, role = role ?? "",
            level = role == "coordinator" ? (string.IsNullOrEmpty(level) ? "main" : level) : null,
            firm = role == "recruiter" ? firmId ?? "" : null,
        };
    }

    public static async Task<(IReadOnlyList<ProgramInfo>, IReadOnlyDictionary<string, IReadOnlyList<RecruitingFirmEntry>>)> ChoicesAsync(ApiClient api, CancellationToken ct)
    {
        var programs = (await api.GetAsync<IReadOnlyList<ProgramInfo>>("/api/programs", ct)).Value ?? [];
        var firms = new Dictionary<string, IReadOnlyList<RecruitingFirmEntry>>(StringComparer.Ordinal);
        foreach (var program in programs)
            firms[program.Slug] = (await api.GetAsync<IReadOnlyList<RecruitingFirmEntry>>($"/api/programs/{program.Slug}/recruiting-firms", ct)).Value ?? [];
        return (programs, firms);
    }
}
