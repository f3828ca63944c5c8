using System.Reflection;
using System.Text.RegularExpressions;
using Matching.Candidates;
using Matching.Companies;
using Matching.Coordinators;
using Matching.Platform.Data;
using Matching.Programs;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Matching.Platform.Tests.Data;

/// <summary>
/// No SQL Server runs on these machines, so every script and query the product would send to one is parsed as T-SQL here:
/// the SQL Server migrations, the dialect's statements, and every SQL constant (fields named *Sql) in the services and the platform.
/// </summary>
public sealed partial class SqlServerScriptTests
{
    public static readonly Assembly[] ProductAssemblies =
        [typeof(SqlDialect).Assembly, typeof(ProgramsModule).Assembly, typeof(CompaniesModule).Assembly, typeof(CoordinatorsModule).Assembly,
         typeof(CandidatesModule).Assembly];

    public static TheoryData<string, string> Migrations()
    {
        var data = new TheoryData<string, string>();
        foreach (var assembly in ProductAssemblies)
        {
            foreach (var script in Migrator.ScriptsOf(assembly, SqlDialect.SqlServer))
                data.Add($"{assembly.GetName().Name}:{script.Version:0000}_{script.Name}", script.Sql);
        }
        return data;
    }

    public static TheoryData<string, string> Queries()
    {
        var data = new TheoryData<string, string>();
        foreach (var assembly in ProductAssemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.IsLiteral && field.FieldType == typeof(string) && field.Name.EndsWith("Sql", StringComparison.Ordinal))
                        data.Add($"{type.FullName}.{field.Name}", (string)field.GetRawConstantValue()!);
                }
            }
        }
        var dialect = SqlDialect.SqlServer;
        data.Add("dialect.LeaseOutboxSql", dialect.LeaseOutboxSql);
        data.Add("dialect.AcceptInboxSql", dialect.AcceptInboxSql);
        data.Add("dialect.MigrationLockSql", dialect.MigrationLockSql!);
        data.Add("dialect.Page", dialect.Page("SELECT id FROM companies ORDER BY id", "@offset", "@limit"));
        data.Add("migrator.CreateVersionTable", Migrator.CreateVersionTable(dialect));
        data.Add("history.Page", Matching.Platform.Messaging.HistoryRelay.PageSqlOf(dialect));
        data.Add("history.Compact", Matching.Platform.Messaging.HistoryRelay.CompactSqlOf(dialect));
        data.Add("notifications.Queue", Matching.Platform.Notifications.NotificationQueue.QueueSqlOf(dialect));
        data.Add("notifications.Lease", Matching.Platform.Notifications.NotificationDispatcher.LeaseSqlOf(dialect));
        data.Add("webhooks.Lease", Matching.Platform.Webhooks.WebhookDispatcher.LeaseSqlOf(dialect));
        data.Add("webhooks.LogPage", dialect.Page(Matching.Platform.Webhooks.WebhookDeliveries.LogSql, "@offset", "@limit"));
        return data;
    }

    [Theory]
    [MemberData(nameof(Migrations))]
    public void Sql_Server_migration_parses_as_T_SQL(string name, string sql)
    {
        foreach (var batch in Migrator.Batches(sql))
            AssertParses(name, batch);
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Query_parses_as_T_SQL(string name, string sql) =>
        AssertParses(name, DapperListExpansion().Replace(sql, "IN (@$1)"));

    [Fact]
    public void Every_service_ships_Sql_Server_migrations_for_each_SQLite_one()
    {
        foreach (var assembly in ProductAssemblies)
        {
            var sqlite = Migrator.ScriptsOf(assembly, SqlDialect.Sqlite).Select(s => (s.Version, s.Name));
            var sqlServer = Migrator.ScriptsOf(assembly, SqlDialect.SqlServer).Select(s => (s.Version, s.Name));

            Assert.Equal(sqlite, sqlServer);
        }
    }

    [Fact]
    public void The_query_scan_finds_the_queries_of_every_service()
    {
        var names = Queries().Select(row => row.Data.Item1).ToList();

        Assert.Contains(names, n => n.StartsWith("Matching.Companies.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Matching.Coordinators.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.StartsWith("Matching.Programs.", StringComparison.Ordinal));
        Assert.Contains(names, n => n.Contains("Outbox", StringComparison.Ordinal));
    }

    [Fact]
    public void The_parser_rejects_SQLite_only_syntax()
    {
        var errors = Parse(SqlDialect.Sqlite.LeaseOutboxSql);

        Assert.NotEmpty(errors);
    }

    private static void AssertParses(string name, string sql)
    {
        var errors = Parse(sql);
        Assert.True(errors.Count == 0,
            $"{name} does not parse as T-SQL:\n{string.Join("\n", errors.Select(e => $"line {e.Line}, col {e.Column}: {e.Message}"))}\n---\n{sql}");
    }

    private static IList<ParseError> Parse(string sql)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(sql);
        parser.Parse(reader, out var errors);
        return errors;
    }

    /// <summary>Dapper expands <c>IN @ids</c> into <c>IN (@ids1, @ids2, …)</c> before the server sees it.</summary>
    [GeneratedRegex(@"IN\s+@(\w+)", RegexOptions.IgnoreCase)]
    private static partial Regex DapperListExpansion();
}
