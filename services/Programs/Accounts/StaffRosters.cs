using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Data;

namespace Matching.Programs.Accounts;

/// <summary>
/// Other services learn a program's coordinators from <see cref="ProgramStaffChanged"/> (Coordinators chooses a
/// consultation's coordinators from them). Called in the transaction of every change of accounts or memberships, and
/// at start: each program whose list differs from the one last announced gets the whole list again.
/// </summary>
internal static class StaffRosters
{
    internal const string CoordinatorsSql = """
        SELECT m.program AS Program, u.id AS UserId, u.display_name AS DisplayName, m.level AS Level
          FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.role = 'coordinator' AND u.disabled = 0
        """;

    internal const string AnnouncedSql = "SELECT program AS Program, fingerprint AS Fingerprint FROM staff_rosters";

    internal const string UpdateSql = "UPDATE staff_rosters SET fingerprint = @fingerprint WHERE program = @program";

    internal const string InsertSql = "INSERT INTO staff_rosters (program, fingerprint) VALUES (@program, @fingerprint)";

    private sealed record Row(string Program, Guid UserId, string DisplayName, string? Level);

    private sealed record Announced(string Program, string Fingerprint);

    private static int Rank(string? level) => level switch { "main" => 0, "sub" => 1, _ => 2 };

    public static async Task AnnounceChangesAsync(DatabaseTransaction tx, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await tx.QueryAsync<Row>(CoordinatorsSql, null, ct);
        var announced = (await tx.QueryAsync<Announced>(AnnouncedSql, null, ct)).ToDictionary(a => a.Program, a => a.Fingerprint, StringComparer.Ordinal);
        var lists = rows.GroupBy(r => r.Program, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<StaffMember>)[.. g.OrderBy(r => Rank(r.Level)).ThenBy(r => r.DisplayName, StringComparer.Ordinal).ThenBy(r => r.UserId)
                .Select(r => new StaffMember(r.UserId, r.DisplayName, r.Level))],
            StringComparer.Ordinal);
        foreach (var program in lists.Keys.Union(announced.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var list = lists.GetValueOrDefault(program) ?? [];
            var fingerprint = string.Join('\n', list.Select(m => $"{m.UserId:D}\t{m.Level}\t{m.DisplayName}"));
            if (announced.TryGetValue(program, out var last) && last == fingerprint)
                continue;
            await tx.ExecuteAsync(announced.ContainsKey(program) ? UpdateSql : InsertSql, new { program, fingerprint }, ct);
            await tx.Outbox.AddAsync(new ProgramStaffChanged(EventIds.New(), program, now, list), ct);
        }
    }

    public static async Task AnnounceChangesAsync(ServiceDatabase database, TimeProvider clock, CancellationToken ct)
    {
        await using var tx = await database.BeginAsync(ct);
        await AnnounceChangesAsync(tx, clock.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }
}
