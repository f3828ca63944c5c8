using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;

namespace Matching.Coordinators.Recruiters;

/// <summary>
/// Tells the other services how a firm's registrations stand (<see cref="FirmRegistrationChanged"/>), in the transaction of
/// the change: one event per program the firm is registered with, since its name is shared by all of them.
/// </summary>
internal static class FirmAnnouncements
{
    internal const string RegistrationsSql = """
        SELECT r.program AS Program, f.name AS Name, r.status AS Status, f.version AS FirmVersion, r.version AS RegistrationVersion
          FROM firm_registrations r JOIN firms f ON f.id = r.firm_id
         WHERE r.firm_id = @firmId
        """;

    // Registrations made before the event existed: announced once at start-up, then forgotten (migration 0008).
    internal const string PendingSql = "SELECT firm_id FROM firm_announcements_pending";

    internal const string DonePendingSql = "DELETE FROM firm_announcements_pending WHERE firm_id = @firmId";

    private sealed class Registration
    {
        public string Program { get; init; } = "";
        public string Name { get; init; } = "";
        public string Status { get; init; } = "";
        public int FirmVersion { get; init; }
        public int RegistrationVersion { get; init; }
    }

    public static async Task AddAsync(DatabaseTransaction tx, Guid firmId, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var r in await tx.QueryAsync<Registration>(RegistrationsSql, new { firmId }, ct))
            await tx.Outbox.AddAsync(new FirmRegistrationChanged(EventIds.New(), r.Program, at, firmId, r.Name, r.Status, r.FirmVersion, r.RegistrationVersion), ct);
    }

    /// <summary>Announces the registrations that existed before this event did, so services added later know those firms too.</summary>
    public static async Task AnnouncePendingAsync(ServiceDatabase database, TimeProvider clock, CancellationToken ct)
    {
        foreach (var firmId in await database.QueryAsync<Guid>(PendingSql, null, ct))
        {
            await using var tx = await database.BeginAsync(ct);
            await AddAsync(tx, firmId, clock.GetUtcNow(), ct);
            await tx.ExecuteAsync(DonePendingSql, new { firmId }, ct);
            await tx.CommitAsync(ct);
        }
    }
}
