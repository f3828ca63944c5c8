using Matching.Coordinators.Consultations;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Staff;

/// <summary>
/// 担当コーディネーター of a consultation: the program's coordinators chosen by account (<c>coordinatorIds</c>, main
/// first), then anyone named (<c>coordinators</c>: outside staff, or a name a file gives). A name that is a coordinator's
/// display name after folding is that coordinator, never a second person. Each is kept with the name as it was.
/// </summary>
internal static class ConsultationStaff
{
    public sealed record Person(Guid? UserId, string Name);

    public static readonly LocalizedText UnknownCoordinator = new(
        "担当コーディネーターはこのプログラムのコーディネーターから選んでください。", "Choose the coordinators from this program's coordinators.");

    internal const string DeleteSql = "DELETE FROM consultation_coordinators WHERE consultation_id = @consultationId";

    internal const string InsertSql = """
        INSERT INTO consultation_coordinators (consultation_id, position, program, user_id, name)
        VALUES (@consultationId, @position, @program, @userId, @name)
        """;

    internal const string OfSql = """
        SELECT user_id AS UserId, name AS Name FROM consultation_coordinators WHERE consultation_id = @consultationId ORDER BY position
        """;

    /// <summary>The people of the request, or the 400 when an id is not one of the program's coordinators.</summary>
    public static async Task<(IReadOnlyList<Person> People, ValidationProblem? Problem)> ResolveAsync(
        DatabaseTransaction tx, string program, ConsultationContent request, CancellationToken ct)
    {
        var members = await StaffCopy.MembersAsync(tx, program, ct);
        var people = new List<Person>();
        foreach (var id in request.CoordinatorIds ?? [])
        {
            if (members.FirstOrDefault(m => m.UserId == id) is not { } member)
                return ([], Problems.Invalid("coordinatorIds", UnknownCoordinator));
            people.Add(new Person(member.UserId, member.DisplayName));
        }
        var byKey = members.GroupBy(m => StaffCopy.Key(m.DisplayName)).Where(g => g.Count() == 1).ToDictionary(g => g.Key, g => g.Single());
        foreach (var name in (request.Coordinators ?? []).Select(n => n.Trim()))
        {
            var person = byKey.TryGetValue(StaffCopy.Key(name), out var member) ? new Person(member.UserId, member.DisplayName) : new Person(null, name);
            if (!people.Any(p => p.UserId is not null ? p.UserId == person.UserId : StaffCopy.Key(p.Name) == StaffCopy.Key(person.Name)))
                people.Add(person);
        }
        return (people, null);
    }

    public static async Task WriteAsync(DatabaseTransaction tx, string program, Guid consultationId, IReadOnlyList<Person> people, CancellationToken ct)
    {
        await tx.ExecuteAsync(DeleteSql, new { consultationId }, ct);
        for (var i = 0; i < people.Count; i++)
            await tx.ExecuteAsync(InsertSql, new { consultationId, position = i, program, userId = people[i].UserId, name = people[i].Name }, ct);
    }

    public static Task<IReadOnlyList<Person>> OfAsync(DatabaseTransaction tx, Guid consultationId, CancellationToken ct) =>
        tx.QueryAsync<Person>(OfSql, new { consultationId }, ct);
}
