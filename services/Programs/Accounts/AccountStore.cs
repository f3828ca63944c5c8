using System.Globalization;
using System.Text;
using Matching.Platform.Auth;
using Matching.Platform.Data;
using Microsoft.AspNetCore.Identity;

namespace Matching.Programs.Accounts;

#pragma warning disable CA1822 // Store methods stay instance methods whether or not they touch its fields: callers hold the store.

/// <summary>Users, their program memberships, and their credentials (sessions and API tokens).</summary>
internal sealed class AccountStore(ServiceDatabase<ProgramsModule> database, AccountOptions options, TimeProvider clock) : IAccountAuthenticator
{
    private static readonly PasswordHasher<string> Hasher = new();

    public ServiceDatabase<ProgramsModule> Database => database;

    public AccountOptions Options => options;

    /// <summary>User names compare without regard to width and case: "Ｙａｍａｄａ" and "yamada" are one user.</summary>
    public static string NormalizeUserName(string userName) => userName.Trim().Normalize(NormalizationForm.FormKC).ToLowerInvariant();

    /// <summary>Deliberately slow (PBKDF2): call it outside any write transaction.</summary>
    public static PasswordHash HashPassword(string password) => new(Hasher.HashPassword("", password));

    // No more hashes at once than there are cores: sign-ins queue here without holding threads, and the rest of the
    // process keeps getting its share of the CPU while many clients sign in.
    private static readonly SemaphoreSlim Hashing = new(Environment.ProcessorCount, Environment.ProcessorCount);

    /// <summary>Deliberately slow (PBKDF2): call it outside any write transaction.</summary>
    public static async Task<bool> VerifyPasswordAsync(string hash, string password, CancellationToken ct)
    {
        await Hashing.WaitAsync(ct);
        try
        {
            return Hasher.VerifyHashedPassword("", hash, password) != PasswordVerificationResult.Failed;
        }
        finally
        {
            Hashing.Release();
        }
    }

    internal sealed record UserRow(Guid Id, string UserName, string DisplayName, string PasswordHash, bool IsAdmin, bool Disabled,
        int FailedSignIns, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

    /// <param name="Firm">A recruiter's firm: its id in the registry, or (until Coordinators has entered it) the name given.</param>
    /// <param name="FirmName">The firm's name from the registry's copy; null while <paramref name="Firm"/> is still a name.</param>
    internal sealed record MembershipRow(Guid UserId, string Program, string Role, string? Level, string? Firm, string? FirmName)
    {
        public Membership ToMembership() => new(Program, Enum.Parse<ProgramRole>(Role, true),
            Level is null ? null : Enum.Parse<CoordinatorLevel>(Level, true), Firm, FirmName ?? (Guid.TryParse(Firm, out _) ? null : Firm));
    }

    private const string UserColumns = """
        id AS Id, user_name AS UserName, display_name AS DisplayName, password_hash AS PasswordHash, is_admin AS IsAdmin,
        disabled AS Disabled, failed_sign_ins AS FailedSignIns, locked_until AS LockedUntil, created_at AS CreatedAt
        """;

    private const string MembershipColumns =
        "m.user_id AS UserId, m.program AS Program, m.role AS Role, m.level AS Level, m.firm AS Firm, f.name AS FirmName";

    private const string MembershipsFrom = "memberships m LEFT JOIN recruiting_firms f ON f.program = m.program AND f.firm_id = m.firm";

    public Task<UserRow?> FindByNameAsync(DatabaseTransaction tx, string userName, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE user_name = @userName",
            new { userName = NormalizeUserName(userName) }, ct);

    /// <summary>Reads a user outside any transaction (sign-in checks the password before it begins one).</summary>
    public Task<UserRow?> FindByNameAsync(string userName, CancellationToken ct) =>
        database.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE user_name = @userName",
            new { userName = NormalizeUserName(userName) }, ct);

    public Task<UserRow?> FindAsync(DatabaseTransaction tx, Guid id, CancellationToken ct) =>
        tx.QuerySingleOrDefaultAsync<UserRow>($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }, ct);

    public async Task<MatchingUser?> GetUserAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<UserRow>(connection,
            new Dapper.CommandDefinition($"SELECT {UserColumns} FROM users WHERE id = @id", new { id }, cancellationToken: ct));
        return row is null ? null : await ToUserAsync(connection, row, ct);
    }

    public async Task<IReadOnlyList<MatchingUser>> ListUsersAsync(CancellationToken ct)
    {
        var rows = await database.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY user_name", null, ct);
        var memberships = await database.QueryAsync<MembershipRow>($"SELECT {MembershipColumns} FROM {MembershipsFrom} ORDER BY m.program", null, ct);
        var byUser = memberships.ToLookup(m => m.UserId);
        return [.. rows.Select(r => ToUser(r, byUser[r.Id]))];
    }

    public async Task<MatchingUser?> AuthenticateAsync(CredentialKind kind, string secret, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        var row = await Dapper.SqlMapper.QuerySingleOrDefaultAsync<UserRow>(connection, new Dapper.CommandDefinition($"""
            SELECT u.id AS Id, u.user_name AS UserName, u.display_name AS DisplayName, u.password_hash AS PasswordHash,
                   u.is_admin AS IsAdmin, u.disabled AS Disabled, u.failed_sign_ins AS FailedSignIns, u.locked_until AS LockedUntil,
                   u.created_at AS CreatedAt
            FROM credentials c JOIN users u ON u.id = c.user_id
            WHERE c.secret_hash = @hash AND c.kind = @kind AND c.revoked_at IS NULL
              AND (c.expires_at IS NULL OR c.expires_at > @now) AND u.disabled = 0
            """, new { hash = Credentials.Hash(secret), kind = KindName(kind), now = clock.GetUtcNow() }, cancellationToken: ct));
        return row is null ? null : await ToUserAsync(connection, row, ct);
    }

    public async Task<Guid> CreateUserAsync(DatabaseTransaction tx, string userName, string displayName, PasswordHash passwordHash, bool isAdmin,
        IEnumerable<Membership> memberships, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        await tx.ExecuteAsync("""
            INSERT INTO users (id, user_name, display_name, password_hash, is_admin, disabled, failed_sign_ins, locked_until, created_at)
            VALUES (@id, @userName, @displayName, @passwordHash, @isAdmin, @disabled, 0, NULL, @now)
            """, new { id, userName = NormalizeUserName(userName), displayName = displayName.Trim(), passwordHash = passwordHash.Value, isAdmin, disabled = false, now = clock.GetUtcNow() }, ct);
        await ReplaceMembershipsAsync(tx, id, memberships, ct);
        return id;
    }

    public async Task ReplaceMembershipsAsync(DatabaseTransaction tx, Guid userId, IEnumerable<Membership> memberships, CancellationToken ct)
    {
        await tx.ExecuteAsync("DELETE FROM memberships WHERE user_id = @userId", new { userId }, ct);
        foreach (var m in memberships)
            await tx.ExecuteAsync("INSERT INTO memberships (user_id, program, role, level, firm) VALUES (@userId, @program, @role, @level, @firm)",
                new { userId, program = m.Program, role = m.Role.ToString().ToLowerInvariant(), level = m.Level?.ToString().ToLowerInvariant(), firm = m.Firm }, ct);
        await StaffRosters.AnnounceChangesAsync(tx, clock.GetUtcNow(), ct);
    }

    /// <summary>Where the user is told of changes that concern them; null when they gave no address or are disabled.</summary>
    public static Task<string?> NotificationAddressAsync(DatabaseTransaction tx, Guid userId, CancellationToken ct) =>
        tx.ExecuteScalarAsync<string?>("SELECT email FROM users WHERE id = @userId AND disabled = 0", new { userId }, ct);

    public Task<string?> NotificationAddressAsync(Guid userId, CancellationToken ct) =>
        Database.ExecuteScalarAsync<string?>("SELECT email FROM users WHERE id = @userId", new { userId }, ct);

    public static Task SetNotificationAddressAsync(DatabaseTransaction tx, Guid userId, string? email, CancellationToken ct) =>
        tx.ExecuteAsync("UPDATE users SET email = @email WHERE id = @userId", new { userId, email = string.IsNullOrWhiteSpace(email) ? null : email.Trim() }, ct);

    public Task SetPasswordAsync(DatabaseTransaction tx, Guid userId, PasswordHash passwordHash, CancellationToken ct) =>
        tx.ExecuteAsync("UPDATE users SET password_hash = @hash, failed_sign_ins = 0, locked_until = NULL WHERE id = @userId",
            new { userId, hash = passwordHash.Value }, ct);

    public Task RecordFailureAsync(DatabaseTransaction tx, Guid userId, int failures, DateTimeOffset? lockedUntil, CancellationToken ct) =>
        tx.ExecuteAsync("UPDATE users SET failed_sign_ins = @failures, locked_until = @lockedUntil WHERE id = @userId",
            new { userId, failures, lockedUntil }, ct);

    public static async Task SetDisabledAsync(DatabaseTransaction tx, Guid userId, bool disabled, DateTimeOffset now, CancellationToken ct)
    {
        await tx.ExecuteAsync("UPDATE users SET disabled = @disabled WHERE id = @userId", new { userId, disabled }, ct);
        await StaffRosters.AnnounceChangesAsync(tx, now, ct);
    }

    /// <summary>A user as the operators' screens show it: the account's state besides who it is.</summary>
    public sealed record Account(Guid Id, string UserName, string DisplayName, bool IsAdmin, IReadOnlyList<Membership> Memberships,
        string? Email, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(CancellationToken ct)
    {
        var rows = await database.QueryAsync<UserRow>($"SELECT {UserColumns} FROM users ORDER BY user_name", null, ct);
        var emails = (await database.QueryAsync<(Guid Id, string? Email)>("SELECT id AS Id, email AS Email FROM users", null, ct)).ToDictionary(e => e.Id, e => e.Email);
        var memberships = (await database.QueryAsync<MembershipRow>($"SELECT {MembershipColumns} FROM {MembershipsFrom} ORDER BY m.program", null, ct)).ToLookup(m => m.UserId);
        var now = clock.GetUtcNow();
        return [.. rows.Select(r => new Account(r.Id, r.UserName, r.DisplayName, r.IsAdmin, [.. memberships[r.Id].Select(m => m.ToMembership())],
            emails.GetValueOrDefault(r.Id), r.Disabled, r.LockedUntil > now ? r.LockedUntil : null, r.CreatedAt))];
    }

    public Task UnlockAsync(DatabaseTransaction tx, Guid userId, CancellationToken ct) =>
        tx.ExecuteAsync("UPDATE users SET failed_sign_ins = 0, locked_until = NULL WHERE id = @userId", new { userId }, ct);

    /// <summary>Issues a session or token; returns the secret, which exists nowhere else after this call.</summary>
    public async Task<(Guid Id, string Secret)> IssueAsync(DatabaseTransaction tx, Guid userId, CredentialKind kind, string? name,
        DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        var secret = Credentials.NewSecret(kind == CredentialKind.Token ? Credentials.TokenPrefix : "");
        await tx.ExecuteAsync("""
            INSERT INTO credentials (id, user_id, kind, secret_hash, name, hint, created_at, expires_at, revoked_at)
            VALUES (@id, @userId, @kind, @hash, @name, @hint, @now, @expiresAt, NULL)
            """, new { id, userId, kind = KindName(kind), hash = Credentials.Hash(secret), name, hint = secret[..7], now = clock.GetUtcNow(), expiresAt }, ct);
        return (id, secret);
    }

    /// <summary>Revokes one credential of the user (or every one of a kind when <paramref name="id"/> is null); the count revoked.</summary>
    public Task<int> RevokeAsync(DatabaseTransaction tx, Guid userId, CredentialKind kind, Guid? id, CancellationToken ct) =>
        tx.ExecuteAsync("""
            UPDATE credentials SET revoked_at = @now
            WHERE user_id = @userId AND kind = @kind AND revoked_at IS NULL AND (@id IS NULL OR id = @id)
            """, new { userId, kind = KindName(kind), id, now = clock.GetUtcNow() }, ct);

    public Task<int> RevokeSessionAsync(DatabaseTransaction tx, string secret, CancellationToken ct) =>
        tx.ExecuteAsync("UPDATE credentials SET revoked_at = @now WHERE secret_hash = @hash AND kind = 'session' AND revoked_at IS NULL",
            new { hash = Credentials.Hash(secret), now = clock.GetUtcNow() }, ct);

    public sealed record TokenRow(Guid Id, string? Name, string? Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? RevokedAt);

    public Task<IReadOnlyList<TokenRow>> ListTokensAsync(Guid userId, CancellationToken ct) =>
        database.QueryAsync<TokenRow>("""
            SELECT id AS Id, name AS Name, hint AS Hint, created_at AS CreatedAt, expires_at AS ExpiresAt, revoked_at AS RevokedAt
            FROM credentials WHERE user_id = @userId AND kind = 'token' ORDER BY created_at DESC
            """, new { userId }, ct);

    private static string KindName(CredentialKind kind) => kind == CredentialKind.Token ? "token" : "session";

    private static async Task<MatchingUser> ToUserAsync(System.Data.Common.DbConnection connection, UserRow row, CancellationToken ct)
    {
        var memberships = await Dapper.SqlMapper.QueryAsync<MembershipRow>(connection,
            new Dapper.CommandDefinition($"SELECT {MembershipColumns} FROM {MembershipsFrom} WHERE m.user_id = @id ORDER BY m.program", new { id = row.Id }, cancellationToken: ct));
        return ToUser(row, memberships);
    }

    private static MatchingUser ToUser(UserRow row, IEnumerable<MembershipRow> memberships) =>
        new(row.Id, row.UserName, row.DisplayName, row.IsAdmin, [.. memberships.Select(m => m.ToMembership())]);

    public static string Describe(IEnumerable<Membership> memberships) =>
        string.Join(", ", memberships.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Program}:{m.Role}{(m.Level is { } l ? "/" + l : "")}{(m.Firm is { } f ? "@" + f : "")}")));
}

/// <summary>A password as stored: hashed before a transaction begins, so no writer waits for the hash.</summary>
internal sealed record PasswordHash(string Value);

/// <summary>Account rules an operator may tune (<c>Matching:Accounts</c>).</summary>
public sealed class AccountOptions
{
    /// <summary>Wrong passwords in a row that lock the account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public TimeSpan Lockout { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(10);

    public int MinPasswordLength { get; set; } = 10;
}
