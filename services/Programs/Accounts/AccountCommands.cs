using Matching.Platform.Auth;
using Matching.Platform.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Programs.Accounts;

/// <summary>
/// Operators' commands of the host, run against the Programs database as configured:
/// <c>Matching.Host users list | add NAME --display-name … --password … [--admin] [--program P --role R [--level L] [--firm F]]
/// | grant NAME --program P --role R … | revoke-role NAME --program P | password NAME --password … | unlock NAME</c>
/// and <c>Matching.Host tokens create --user NAME [--name N] [--days D] | list --user NAME | revoke --user NAME --id ID</c>.
/// </summary>
public static class AccountCommands
{
    public static readonly IReadOnlyList<string> Verbs = ["users", "tokens"];

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, CancellationToken ct)
    {
        var store = services.GetRequiredService<AccountStore>();
        var clock = services.GetRequiredService<TimeProvider>();
        var (positional, options) = Parse(args);
        string Arg(int i) => positional.Count > i ? positional[i] : throw new CommandException($"missing argument {i + 1}: {Usage}");
        string Option(string name) => options.TryGetValue(name, out var v) && v is not null ? v : throw new CommandException($"missing --{name}: {Usage}");
        var now = clock.GetUtcNow();
        var operatorEntry = (string action, string target, string? detail) =>
            new AuditEntry(action, UserName: "(command line)", Target: target, Detail: detail);
        try
        {
            switch ($"{Arg(0)} {Arg(1)}")
            {
                case "users list":
                    foreach (var u in await store.ListUsersAsync(ct))
                        await output.WriteLineAsync($"{u.UserName}\t{u.DisplayName}\t{(u.IsAdmin ? "admin " : "")}{AccountStore.Describe(u.Memberships)}");
                    return 0;
                case "users add":
                {
                    var displayName = options.GetValueOrDefault("display-name") ?? Arg(2);
                    var hash = CheckedHash(store, Option("password"), Arg(2), displayName);
                    IReadOnlyList<Membership> memberships = options.ContainsKey("program") ? [MembershipFrom(options)] : [];
                    await using var tx = await store.Database.BeginAsync(ct);
                    if (await store.FindByNameAsync(tx, Arg(2), ct) is not null)
                        throw new CommandException($"user {Arg(2)} exists");
                    memberships = [.. await FirmsOfAsync(tx, memberships, now, ct)];
                    await store.CreateUserAsync(tx, Arg(2), displayName, hash, options.ContainsKey("admin"), memberships, ct);
                    await AuditTrail.RecordAsync(tx, operatorEntry(AuditActions.UserCreated, Arg(2), AccountStore.Describe(memberships)), now, ct);
                    await tx.CommitAsync(ct);
                    await output.WriteLineAsync($"created {AccountStore.NormalizeUserName(Arg(2))}");
                    return 0;
                }
                case "users grant" or "users revoke-role":
                {
                    await using var tx = await store.Database.BeginAsync(ct);
                    var user = await store.FindByNameAsync(tx, Arg(2), ct) ?? throw new CommandException($"no user {Arg(2)}");
                    var current = (await store.GetUserAsync(user.Id, ct))!.Memberships.Where(m => m.Program != Option("program")).ToList();
                    if (Arg(1) == "grant")
                        current.Add(MembershipFrom(options));
                    current = [.. await FirmsOfAsync(tx, current, now, ct)];
                    await store.ReplaceMembershipsAsync(tx, user.Id, current, ct);
                    await AuditTrail.RecordAsync(tx, operatorEntry(AuditActions.RolesChanged, user.UserName, AccountStore.Describe(current)), now, ct);
                    await tx.CommitAsync(ct);
                    await output.WriteLineAsync($"{user.UserName}: {AccountStore.Describe(current)}");
                    return 0;
                }
                case "users password":
                {
                    var known = await FindAsync(store, Arg(2), ct);
                    var hash = CheckedHash(store, Option("password"), known.UserName, known.DisplayName);
                    await using var tx = await store.Database.BeginAsync(ct);
                    var user = await store.FindByNameAsync(tx, Arg(2), ct) ?? throw new CommandException($"no user {Arg(2)}");
                    await store.SetPasswordAsync(tx, user.Id, hash, ct);
                    // A new password ends every open session of the user.
                    await store.RevokeAsync(tx, user.Id, CredentialKind.Session, null, ct);
                    await AuditTrail.RecordAsync(tx, operatorEntry(AuditActions.PasswordChanged, user.UserName, null), now, ct);
                    await tx.CommitAsync(ct);
                    await output.WriteLineAsync($"password of {user.UserName} changed; its sessions ended");
                    return 0;
                }
                case "users unlock":
                {
                    await using var tx = await store.Database.BeginAsync(ct);
                    var user = await store.FindByNameAsync(tx, Arg(2), ct) ?? throw new CommandException($"no user {Arg(2)}");
                    await store.UnlockAsync(tx, user.Id, ct);
                    await AuditTrail.RecordAsync(tx, operatorEntry(AuditActions.Unlocked, user.UserName, null), now, ct);
                    await tx.CommitAsync(ct);
                    await output.WriteLineAsync($"{user.UserName} unlocked");
                    return 0;
                }
                case "tokens create":
                {
                    var user = await FindAsync(store, Option("user"), ct);
                    int? days = options.TryGetValue("days", out var d) && d is not null ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : null;
                    var token = await CreateToken.IssueAsync(store, user.Id, user.UserName, options.GetValueOrDefault("name") ?? "command line", days, clock, ct);
                    // The only time the token is shown: it is stored as a hash.
                    await output.WriteLineAsync(token.Token);
                    return 0;
                }
                case "tokens list":
                {
                    var user = await FindAsync(store, Option("user"), ct);
                    foreach (var t in await store.ListTokensAsync(user.Id, ct))
                        await output.WriteLineAsync($"{t.Id}\t{t.Name}\t{t.Hint}…\t{(t.RevokedAt is null ? "active" : "revoked")}");
                    return 0;
                }
                case "tokens revoke":
                {
                    var user = await FindAsync(store, Option("user"), ct);
                    await using var tx = await store.Database.BeginAsync(ct);
                    if (await store.RevokeAsync(tx, user.Id, CredentialKind.Token, Guid.Parse(Option("id")), ct) == 0)
                        throw new CommandException("no such active token");
                    await AuditTrail.RecordAsync(tx, operatorEntry(AuditActions.TokenRevoked, user.UserName, Option("id")), now, ct);
                    await tx.CommitAsync(ct);
                    await output.WriteLineAsync("revoked");
                    return 0;
                }
                default:
                    throw new CommandException(Usage);
            }
        }
        catch (Exception ex) when (ex is CommandException or FormatException or ArgumentException)
        {
            await output.WriteLineAsync("error: " + ex.Message);
            return 2;
        }
    }

    private const string Usage =
        "users list | users add NAME --password P [--display-name D] [--admin] [--program P --role coordinator|recruiter|office [--level main|sub|assistant] [--firm F]]"
        + " | users grant NAME --program P --role R | users revoke-role NAME --program P | users password NAME --password P | users unlock NAME"
        + " | tokens create --user NAME [--name N] [--days D] | tokens list --user NAME | tokens revoke --user NAME --id ID";

    /// <summary>The password's hash when the policy allows it (computed before any transaction begins).</summary>
    private static PasswordHash CheckedHash(AccountStore store, string password, string userName, string displayName) =>
        PasswordPolicy.Refusal(password, userName, displayName, store.Options.MinPasswordLength) is { } refusal
            ? throw new CommandException(refusal.En)
            : AccountStore.HashPassword(password);

    private static async Task<AccountStore.UserRow> FindAsync(AccountStore store, string userName, CancellationToken ct)
    {
        await using var tx = await store.Database.BeginAsync(ct);
        var user = await store.FindByNameAsync(tx, userName, ct) ?? throw new CommandException($"no user {userName}");
        await tx.CommitAsync(ct);
        return user;
    }

    /// <summary>Recruiters' firms by the registry's id (<see cref="RecruiterFirms.ResolveAsync"/>); an unknown id stops the command.</summary>
    private static async Task<IReadOnlyList<Membership>> FirmsOfAsync(DatabaseTransaction tx, IReadOnlyList<Membership> memberships, DateTimeOffset now, CancellationToken ct)
    {
        var (resolved, problem) = await RecruiterFirms.ResolveAsync(tx, memberships, now, ct);
        if (problem is not null)
            throw new CommandException(string.Join("; ", problem.ProblemDetails.Errors.SelectMany(e => e.Value.Select(v => $"{e.Key}: {v}"))));
        return resolved;
    }

    private static Membership MembershipFrom(Dictionary<string, string?> options)
    {
        var role = Enum.Parse<ProgramRole>(options.GetValueOrDefault("role") ?? throw new CommandException("missing --role"), true);
        CoordinatorLevel? level = options.GetValueOrDefault("level") is { } l ? Enum.Parse<CoordinatorLevel>(l, true) : role == ProgramRole.Coordinator ? CoordinatorLevel.Main : null;
        var firm = options.GetValueOrDefault("firm");
        if (role == ProgramRole.Recruiter && string.IsNullOrWhiteSpace(firm))
            throw new CommandException("a recruiter needs --firm");
        return new Membership(options["program"]!, role, level, firm);
    }

    private static (List<string> Positional, Dictionary<string, string?> Options) Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(args[i]);
                continue;
            }
            var name = args[i][2..];
            var hasValue = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options[name] = hasValue ? args[++i] : null;
        }
        return (positional, options);
    }

    private sealed class CommandException(string message) : Exception(message);
}
