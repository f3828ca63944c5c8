using Matching.Contracts;
using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Staff;

/// <summary>
/// The program's coordinators as Programs announces them (<see cref="ProgramStaffChanged"/>, the whole list each time):
/// the newest list wins, so redelivery and catch-up in any order end in the same copy. When a list arrives, names of
/// consultations not yet linked to an account (logged as text, imported, or from before this copy) that match a
/// coordinator's display name after kana folding are linked to that account.
/// </summary>
internal static class StaffCopy
{
    public sealed record Member(Guid UserId, string DisplayName, string? Level);

    internal const string MembersSql = """
        SELECT user_id AS UserId, display_name AS DisplayName, level AS Level FROM staff WHERE program = @program ORDER BY position
        """;

    internal const string ChangedAtSql = "SELECT changed_at FROM staff_rosters WHERE program = @program";

    internal const string InsertRosterSql = "INSERT INTO staff_rosters (program, changed_at) VALUES (@program, @at)";

    internal const string UpdateRosterSql = "UPDATE staff_rosters SET changed_at = @at WHERE program = @program";

    internal const string ClearSql = "DELETE FROM staff WHERE program = @program";

    internal const string InsertMemberSql = """
        INSERT INTO staff (program, user_id, display_name, level, position) VALUES (@program, @userId, @displayName, @level, @position)
        """;

    internal const string UnlinkedNamesSql = """
        SELECT DISTINCT name FROM consultation_coordinators WHERE program = @program AND user_id IS NULL
        """;

    internal const string LinkSql = """
        UPDATE consultation_coordinators SET user_id = @userId WHERE program = @program AND user_id IS NULL AND name = @name
        """;

    public static Task<IReadOnlyList<Member>> MembersAsync(DatabaseTransaction tx, string program, CancellationToken ct) =>
        tx.QueryAsync<Member>(MembersSql, new { program }, ct);

    /// <summary>The one comparison of a person's name: kana-folded, without any spacing (山田　太郎 = 山田 太郎 = 山田太郎).</summary>
    public static string Key(string name) => string.Concat(KanaFolding.Fold(name).Where(c => !char.IsWhiteSpace(c)));

    public static async Task ReplaceAsync(DatabaseTransaction tx, ProgramStaffChanged message, CancellationToken ct)
    {
        var program = message.Program;
        var last = await tx.ExecuteScalarAsync<DateTimeOffset?>(ChangedAtSql, new { program }, ct);
        if (last is { } at && at >= message.OccurredAt)
            return; // an older list than the one kept
        await tx.ExecuteAsync(last is null ? InsertRosterSql : UpdateRosterSql, new { program, at = message.OccurredAt }, ct);
        await tx.ExecuteAsync(ClearSql, new { program }, ct);
        for (var i = 0; i < message.Coordinators.Count; i++)
        {
            var m = message.Coordinators[i];
            await tx.ExecuteAsync(InsertMemberSql, new { program, userId = m.UserId, displayName = m.DisplayName, level = m.Level, position = i }, ct);
        }
        await LinkAsync(tx, program, ct);
    }

    /// <summary>Links the program's unlinked names to the coordinator whose display name they match after folding.</summary>
    public static async Task LinkAsync(DatabaseTransaction tx, string program, CancellationToken ct)
    {
        var members = await MembersAsync(tx, program, ct);
        var byKey = members.GroupBy(m => Key(m.DisplayName)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single().UserId);
        foreach (var name in await tx.QueryAsync<string>(UnlinkedNamesSql, new { program }, ct))
        {
            if (byKey.TryGetValue(Key(name), out var userId))
                await tx.ExecuteAsync(LinkSql, new { program, userId, name }, ct);
        }
    }
}

internal sealed class ProgramStaffChangedConsumer(ServiceDatabase<CoordinatorsModule> database) : InboxConsumer<ProgramStaffChanged>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ProgramStaffChanged message, CancellationToken ct) =>
        StaffCopy.ReplaceAsync(tx, message, ct);
}
