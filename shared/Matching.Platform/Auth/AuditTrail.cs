using Matching.Contracts;
using Matching.Contracts.Audit;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

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
    public const string Deactivated = "deactivated";
    public const string Activated = "activated";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string PersonalDataRead = "personal-data-read";
    public const string PersonalDataErased = "personal-data-erased";
    public const string PersonalDataDisclosed = "personal-data-disclosed";
}

/// <param name="Outsider">The user acted on a program they are not a member of (a refusal): the program's office
/// sees that someone was refused, not who.</param>
public sealed record AuditEntry(
    string Action, string? Program = null, Guid? UserId = null, string? UserName = null, string? Target = null,
    string? Detail = null, string? RemoteAddress = null, bool Outsider = false);

/// <summary>
/// The append-only audit log of a service's database (a trigger refuses updates and deletes). Each entry is also
/// published (<see cref="AuditRecorded"/>, through the outbox, in the same transaction), and the service that keeps the
/// product's one audit log (<see cref="ServiceDatabase.KeepsAuditLog"/>: Programs) copies every other service's entries
/// into its own, so the audit view reads one table in both shapes without reading another service's database.
/// </summary>
public static class AuditTrail
{
    internal const string InsertSql = """
        INSERT INTO audit_log (occurred_at, service, program, user_id, user_name, outsider, action, target, detail, remote_address)
        VALUES (@occurredAt, @service, @program, @userId, @userName, @outsider, @action, @target, @detail, @remoteAddress)
        """;

    /// <summary>Records inside the caller's transaction, so the entry commits with the change it describes.</summary>
    public static async Task RecordAsync(DatabaseTransaction tx, AuditEntry entry, DateTimeOffset occurredAt, CancellationToken ct)
    {
        var service = tx.Database.Service;
        var target = Truncate(entry.Target, 400);
        var detail = Truncate(entry.Detail, 1000);
        await tx.ExecuteAsync(InsertSql, new
        {
            occurredAt, service, program = entry.Program, userId = entry.UserId, userName = entry.UserName, outsider = entry.Outsider,
            action = entry.Action, target, detail, remoteAddress = entry.RemoteAddress,
        }, ct);
        if (!tx.Database.KeepsAuditLog)
            await tx.Outbox.AddAsync(new AuditRecorded(EventIds.New(), entry.Program ?? "", occurredAt, service, entry.Action, entry.UserId,
                entry.UserName, entry.Outsider, target, detail, entry.RemoteAddress), ct);
    }

    /// <summary>Records on its own (a refusal, a failed sign-in: nothing else to commit with).</summary>
    public static async Task RecordAsync(ServiceDatabase database, AuditEntry entry, DateTimeOffset occurredAt, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await RecordAsync(tx, entry, occurredAt, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Copies another service's entry into the one audit log (the caller's inbox makes it happen once).</summary>
    public static Task CopyAsync(DatabaseTransaction tx, AuditRecorded entry, CancellationToken ct) =>
        tx.ExecuteAsync(InsertSql, new
        {
            occurredAt = entry.OccurredAt, service = entry.Service, program = entry.Program is { Length: > 0 } p ? p : null,
            userId = entry.UserId, userName = entry.UserName, outsider = entry.Outsider, action = entry.Action,
            target = entry.Target, detail = entry.Detail, remoteAddress = entry.RemoteAddress,
        }, ct);

    private static string? Truncate(string? text, int max) => text is { Length: var n } && n > max ? text[..max] : text;
}
