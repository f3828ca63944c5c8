using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace Matching.Platform.Data;

/// <summary>
/// Applies numbered SQL scripts embedded in an assembly (<c>Migrations/0001_name.sqlite.sql</c>,
/// <c>Migrations/0001_name.sqlserver.sql</c>) once each, in order, recording them in <c>schema_migrations</c>.
/// Replicas starting together serialise on the migration transaction. A shipped script is never edited.
/// </summary>
public static partial class Migrator
{
    internal const string AppliedSql = "SELECT version FROM schema_migrations WHERE scope = @scope";
    internal const string RecordSql = "INSERT INTO schema_migrations (scope, version, name, applied_at) VALUES (@scope, @version, @name, @appliedAt)";

    public sealed record Script(int Version, string Name, string Sql);

    public static IReadOnlyList<Script> ScriptsOf(Assembly assembly, SqlDialect dialect)
    {
        var scripts = new List<Script>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = ScriptName().Match(resource);
            if (!match.Success || match.Groups["dialect"].Value != dialect.Name)
                continue;
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new Script(int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups["name"].Value, reader.ReadToEnd()));
        }
        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        return scripts;
    }

    public static async Task ApplyAsync(ServiceDatabase database, string scope, Assembly assembly, CancellationToken ct)
    {
        var scripts = ScriptsOf(assembly, database.Dialect);
        if (database.Dialect.DatabaseSetupSql is { } setup)
        {
            await using var connection = await database.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: ct));
        }
        await using var tx = await database.BeginAsync(ct);
        if (database.Dialect.MigrationLockSql is { } lockSql)
            await tx.ExecuteAsync(lockSql, null, ct);
        await tx.ExecuteAsync(CreateVersionTable(database.Dialect), null, ct);
        var applied = (await tx.QueryAsync<int>(AppliedSql, new { scope }, ct)).ToHashSet();
        foreach (var script in scripts.Where(s => !applied.Contains(s.Version)))
        {
            foreach (var batch in Batches(script.Sql))
                await tx.ExecuteAsync(batch, null, ct);
            await tx.ExecuteAsync(
                RecordSql,
                new { scope, version = script.Version, name = script.Name, appliedAt = DateTimeOffset.UtcNow }, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>SQL Server scripts may separate batches with a line holding only GO.</summary>
    public static IEnumerable<string> Batches(string sql) =>
        GoSeparator().Split(sql).Where(b => !string.IsNullOrWhiteSpace(b));

    internal static string CreateVersionTable(SqlDialect dialect) => dialect == SqlDialect.SqlServer
        ? """
          IF OBJECT_ID(N'schema_migrations', N'U') IS NULL
          CREATE TABLE schema_migrations (
              scope      NVARCHAR(64)   NOT NULL,
              version    INT            NOT NULL,
              name       NVARCHAR(200)  NOT NULL,
              applied_at DATETIMEOFFSET NOT NULL,
              CONSTRAINT pk_schema_migrations PRIMARY KEY (scope, version));
          """
        : """
          CREATE TABLE IF NOT EXISTS schema_migrations (
              scope      TEXT    NOT NULL,
              version    INTEGER NOT NULL,
              name       TEXT    NOT NULL,
              applied_at TEXT    NOT NULL,
              PRIMARY KEY (scope, version));
          """;

    [GeneratedRegex(@"Migrations\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.(?<dialect>sqlite|sqlserver)\.sql$")]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
