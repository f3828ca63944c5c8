using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Matching.Platform.Tests;

/// <summary>
/// A fresh, migrated database of one provider for a store test: a SQLite file always; a new database on the
/// SQL Server named by MATCHING_TEST_SQLSERVER when that variable is set (the test is reported skipped otherwise).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string SqlServerVariable = "MATCHING_TEST_SQLSERVER";

    private readonly Func<ValueTask> cleanup;

    private TestDatabase(ServiceDatabase database, Func<ValueTask> cleanup)
    {
        Database = database;
        this.cleanup = cleanup;
    }

    public static readonly TheoryData<string> Providers = new("sqlite", "sqlserver");

    public ServiceDatabase Database { get; }

    public static async Task<TestDatabase> CreateAsync(string provider)
    {
        var db = provider switch
        {
            "sqlite" => CreateSqlite(),
            "sqlserver" => await CreateSqlServerAsync(),
            _ => throw new ArgumentOutOfRangeException(nameof(provider)),
        };
        await Migrator.ApplyAsync(db.Database, "platform", typeof(SqlDialect).Assembly, CancellationToken.None);
        return db;
    }

    private static TestDatabase CreateSqlite()
    {
        var folder = new Testing.TempFolder("matching-store");
        var connectionString = $"Data Source={Path.Combine(folder.Path, "test.db")};Pooling=True;Default Timeout=30";
        var database = new ServiceDatabase("test", SqlDialect.Sqlite, connectionString, new OutboxSignal());
        return new TestDatabase(database, () =>
        {
            SqliteConnection.ClearAllPools();
            folder.Dispose();
            return ValueTask.CompletedTask;
        });
    }

    private static async Task<TestDatabase> CreateSqlServerAsync()
    {
        var server = Environment.GetEnvironmentVariable(SqlServerVariable);
        if (string.IsNullOrWhiteSpace(server))
            Assert.Skip($"SQL Server store tests did not run: {SqlServerVariable} is not set.");
        var name = $"matching_test_{Guid.NewGuid():N}";
        await using (var master = new SqlConnection(server))
        {
            await master.OpenAsync();
            await using var create = new SqlCommand($"CREATE DATABASE [{name}]", master);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = name };
        var database = new ServiceDatabase("test", SqlDialect.SqlServer, builder.ConnectionString, new OutboxSignal());
        return new TestDatabase(database, async () =>
        {
            SqlConnection.ClearAllPools();
            await using var master = new SqlConnection(server);
            await master.OpenAsync();
            await using var drop = new SqlCommand($"ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{name}]", master);
            await drop.ExecuteNonQueryAsync();
        });
    }

    public ValueTask DisposeAsync() => cleanup();
}
