using Matching.Platform.Data;
using Microsoft.Data.Sqlite;

namespace Matching.Platform.Tests.Data;

/// <summary>SQLite writers of one process share commits; each still commits or rolls back on its own.</summary>
public sealed class GroupCommitTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static async Task CreateTableAsync(ServiceDatabase db)
    {
        await using var tx = await db.BeginAsync(None);
        await tx.ExecuteAsync("CREATE TABLE notes (id INTEGER NOT NULL PRIMARY KEY, text TEXT NOT NULL)", null, None);
        await tx.CommitAsync(None);
    }

    [Fact]
    public async Task Concurrent_writers_keep_what_they_commit_and_lose_what_they_roll_back()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await CreateTableAsync(test.Database);

        await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(async () =>
        {
            await using var tx = await test.Database.BeginAsync(None);
            await tx.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'x')", new { i }, None);
            if (i % 2 == 0)
                await tx.CommitAsync(None);
        })));

        var ids = await test.Database.QueryAsync<long>("SELECT id FROM notes ORDER BY id", null, None);
        Assert.Equal(Enumerable.Range(1, 100).Select(i => 2L * i), ids);
    }

    [Fact]
    public async Task A_failing_writer_does_not_undo_the_others_in_its_group()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await CreateTableAsync(test.Database);

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await using var tx = await test.Database.BeginAsync(None);
                await tx.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@id, 'x')", new { id = i % 50 }, None);
                await tx.CommitAsync(None);
                return true;
            }
            catch (SqliteException ex) when (SqlDialect.Sqlite.IsUniqueViolation(ex))
            {
                return false;
            }
        })));

        Assert.Equal(50, outcomes.Count(committed => committed));
        Assert.Equal(50, await test.Database.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes", null, None));
    }

    [Fact]
    public async Task Committed_rows_are_visible_to_another_connection_when_commit_returns()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await CreateTableAsync(test.Database);
        var seen = new List<long>();

        await Task.WhenAll(Enumerable.Range(1, 40).Select(i => Task.Run(async () =>
        {
            await using (var tx = await test.Database.BeginAsync(None))
            {
                await tx.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'x')", new { i }, None);
                await tx.CommitAsync(None);
            }
            var builder = new SqliteConnectionStringBuilder(test.Database.ConnectionString) { Pooling = false };
            await using var other = new SqliteConnection(builder.ConnectionString);
            await other.OpenAsync();
            await using var read = other.CreateCommand();
            read.CommandText = $"SELECT COUNT(*) FROM notes WHERE id = {i}";
            lock (seen)
                seen.Add((long)read.ExecuteScalar()!);
        })));

        Assert.All(seen, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task Writers_that_give_up_while_waiting_do_not_harm_the_group()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");
        await CreateTableAsync(test.Database);

        var writers = Enumerable.Range(1, 200).Select(i => Task.Run(async () =>
        {
            using var patience = new CancellationTokenSource(i % 3 == 0 ? TimeSpan.FromMilliseconds(1) : TimeSpan.FromMinutes(1));
            try
            {
                await using var tx = await test.Database.BeginAsync(patience.Token);
                await tx.ExecuteAsync("INSERT INTO notes (id, text) VALUES (@i, 'x')", new { i }, CancellationToken.None);
                await tx.CommitAsync(CancellationToken.None);
                return i;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }));
        var committed = (await Task.WhenAll(writers)).Where(i => i > 0).Order().Select(i => (long)i).ToList();

        var stored = await test.Database.QueryAsync<long>("SELECT id FROM notes ORDER BY id", null, None);
        Assert.Equal(committed, stored);
        Assert.True(committed.Count >= 133, $"only {committed.Count} writers committed");
    }

    [Fact]
    public async Task Every_connection_the_pool_hands_out_is_durable_and_waits_for_the_writer()
    {
        await using var test = await TestDatabase.CreateAsync("sqlite");

        // Opened one after another (the pool hands the same connection back) and side by side (new ones).
        var sequential = new List<(long, long)>();
        for (var i = 0; i < 3; i++)
            sequential.Add(await SessionAsync(test.Database));
        var concurrent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SessionAsync(test.Database, hold: true)));

        Assert.All(sequential.Concat(concurrent), s => Assert.Equal((2L, 30000L), s));
    }

    private static async Task<(long Synchronous, long BusyTimeout)> SessionAsync(ServiceDatabase database, bool hold = false)
    {
        await using var connection = await database.OpenAsync(None);
        if (hold)
            await Task.Delay(50);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA busy_timeout";
        return (synchronous, (long)(await command.ExecuteScalarAsync())!);
    }
}
