using Dapper;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// Migration 0016 turns the logins of KPI entries written by the previous schema into people: the account and its
/// display name where the login exists, the login kept as the name where it does not. No entry is lost.
/// </summary>
public sealed class KpiEntryPeopleMigrationTests
{
    private sealed record Entered(long Id, string EnteredBy, string? EnteredById);

    [Fact]
    public async Task Logins_of_existing_entries_become_the_account_and_its_display_name_and_an_unknown_login_stays()
    {
        await using var schema = await SchemaBefore.OpenAsync(typeof(ProgramsModule).Assembly, 16);
        var connection = schema.Connection;
        var office = Guid.NewGuid().ToString();
        await connection.ExecuteAsync(
            """
            INSERT INTO users (id, user_name, display_name, password_hash, created_at)
            VALUES (@office, 'office-hokkaido', '北海道 事務局', 'x', '2026-04-01T00:00:00+00:00')
            """, new { office });
        // As EnterKpiValue wrote them before 0016: the login of whoever entered.
        foreach (var login in new[] { "office-hokkaido", "office-hokkaido", "someone-gone" })
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO kpi_entries (program, code, kind, fiscal_year, value_e4, note, entered_by, entered_at)
                VALUES ('demo', 'movers', 'actual', 2025, 300000, NULL, @login, '2026-04-01T00:00:00+00:00')
                """, new { login });
        }

        await schema.MigrateAsync();

        var entries = (await connection.QueryAsync<Entered>(
            "SELECT id AS Id, entered_by AS EnteredBy, entered_by_id AS EnteredById FROM kpi_entries ORDER BY id")).ToList();
        Assert.Equal([new(1, "北海道 事務局", office), new(2, "北海道 事務局", office), new(3, "someone-gone", null)], entries);
    }
}
