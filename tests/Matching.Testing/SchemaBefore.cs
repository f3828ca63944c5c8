using System.Reflection;
using Dapper;
using Matching.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Matching.Testing;

/// <summary>
/// A service's SQLite database in a folder of its own, migrated up to one version and not that one: a test writes rows
/// as the previous schema did, then runs the version (<see cref="MigrateAsync"/>) and reads what it made of them.
/// </summary>
public sealed class SchemaBefore : IAsyncDisposable
{
    private readonly TempFolder folder;
    private readonly Migrator.Script next;

    private SchemaBefore(TempFolder folder, SqliteConnection connection, Migrator.Script next)
    {
        this.folder = folder;
        Connection = connection;
        this.next = next;
    }

    public SqliteConnection Connection { get; }

    public static async Task<SchemaBefore> OpenAsync(Assembly service, int version)
    {
        var folder = new TempFolder($"schema-{version}");
        var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "service.db")};Pooling=False");
        await connection.OpenAsync();
        var scripts = Migrator.ScriptsOf(service, SqlDialect.Sqlite);
        foreach (var script in scripts.Where(s => s.Version < version))
            await connection.ExecuteAsync(script.Sql);
        return new SchemaBefore(folder, connection, scripts.Single(s => s.Version == version));
    }

    public Task MigrateAsync() => Connection.ExecuteAsync(next.Sql);

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        folder.Dispose();
    }
}
