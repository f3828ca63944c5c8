using Matching.Platform.Data;

namespace Matching.Platform.Auth;

/// <summary>What the audit log records.</summary>
public static class AuditActions
{
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignedOut = "signed-out";
    public const string Refused = "refused";
    public const string UserCreated = "user-created";
    public const string RolesChanged = "roles-changed";
    public const string PasswordChanged = "password-changed";
    public const string Unlocked = "unlocked";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string PersonalDataRead = "personal-data-read";
}

public sealed record AuditEntry(
    string Action, string? Program = null, Guid? UserId = null, string? UserName = null, string? Target = null,
    string? Detail = null, string? RemoteAddress = null);

/// <summary>The append-only audit log of a service's database (a trigger refuses updates and deletes).</summary>
public static class AuditTrail
{
    internal const string InsertSql = """
        INSERT INTO audit_log (occurred_at, program, user_id, user_name, action, target, detail, remote_address)
        VALUES (@occurredAt, @Program, @UserId, @UserName, @Action, @Target, @Detail, @RemoteAddress)
        """;

    /// <summary>Records inside the caller's transaction, so the entry commits with the change it describes.</summary>
    public static Task RecordAsync(DatabaseTransaction tx, AuditEntry entry, DateTimeOffset occurredAt, CancellationToken ct) =>
        tx.ExecuteAsync(InsertSql, Parameters(entry, occurredAt), ct);

    /// <summary>Records on its own (a refusal, a failed sign-in: nothing else to commit with).</summary>
    public static async Task RecordAsync(ServiceDatabase database, AuditEntry entry, DateTimeOffset occurredAt, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await RecordAsync(tx, entry, occurredAt, ct);
        await tx.CommitAsync(ct);
    }

    private static object Parameters(AuditEntry e, DateTimeOffset occurredAt) => new
    {
        occurredAt,
        e.Program,
        e.UserId,
        e.UserName,
        e.Action,
        Target = Truncate(e.Target, 400),
        Detail = Truncate(e.Detail, 1000),
        e.RemoteAddress,
    };

    private static string? Truncate(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;
}
