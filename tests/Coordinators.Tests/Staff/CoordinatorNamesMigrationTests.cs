using Dapper;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Staff;

/// <summary>
/// Migration 0010 keeps every coordinator name of consultations written by the previous schema, in order (the first
/// is the main one), as named people until the program's coordinators arrive and are matched by folded name.
/// </summary>
public sealed class CoordinatorNamesMigrationTests
{
    private sealed record Person(string ConsultationId, long Position, string Program, string? UserId, string Name);

    [Fact]
    public async Task Names_written_by_the_previous_schema_become_people_in_their_order_and_none_is_lost()
    {
        await using var schema = await SchemaBefore.OpenAsync(typeof(CoordinatorsModule).Assembly, 10);
        var connection = schema.Connection;
        // As LogConsultation wrote them before 0010: the names one per line, the main one first, also in its own column.
        var written = new (string Id, string Program, string Coordinators)[]
        {
            (Guid.NewGuid().ToString(), "demo", "山田 太郎"),
            (Guid.NewGuid().ToString(), "demo", "山田　太郎\n外部 講師\nｻﾄｳ ﾊﾅｺ"),
            (Guid.NewGuid().ToString(), "kitami", "佐藤 花子\n山田 太郎\n鈴木 一郎\n高橋 美咲\n伊藤 健"),
        };
        foreach (var (id, program, coordinators) in written)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO consultations (id, program, company_id, date, coordinator, coordinators, channel, logged_at, version)
                VALUES (@id, @program, @company, '2026-04-01', @main, @coordinators, 'visit', '2026-04-01T00:00:00+00:00', 1)
                """,
                new { id, program, company = Guid.NewGuid().ToString(), main = coordinators.Split('\n')[0], coordinators });
        }

        await schema.MigrateAsync();

        var people = (await connection.QueryAsync<Person>(
            "SELECT consultation_id AS ConsultationId, position AS Position, program AS Program, user_id AS UserId, name AS Name FROM consultation_coordinators"))
            .ToList();
        var expected = written.SelectMany(w => w.Coordinators.Split('\n').Select((name, i) => new Person(w.Id, i, w.Program, null, name)))
            .OrderBy(p => p.ConsultationId, StringComparer.Ordinal).ThenBy(p => p.Position);
        Assert.Equal(expected, people.OrderBy(p => p.ConsultationId, StringComparer.Ordinal).ThenBy(p => p.Position));
        Assert.Equal(3, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM consultations"));
    }
}
