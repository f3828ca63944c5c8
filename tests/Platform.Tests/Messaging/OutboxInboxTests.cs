using Matching.Contracts.Programs;
using Matching.Platform.Data;

namespace Matching.Platform.Tests.Messaging;

public sealed class OutboxInboxTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ProgramCreated AnEvent() => new(Guid.NewGuid(), "demo", DateTimeOffset.UtcNow, "デモ");

    private static Task<int> UnsentAsync(ServiceDatabase db) =>
        db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL", null, None);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Event_added_in_a_committed_transaction_waits_in_the_outbox(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await using (var tx = await test.Database.BeginAsync(None))
        {
            await tx.Outbox.AddAsync(AnEvent(), None);
            await tx.CommitAsync(None);
        }

        Assert.Equal(1, await UnsentAsync(test.Database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Event_of_a_transaction_that_did_not_commit_is_gone(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);

        await using (var tx = await test.Database.BeginAsync(None))
        {
            await tx.Outbox.AddAsync(AnEvent(), None);
        }

        Assert.Equal(0, await UnsentAsync(test.Database));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Inbox_accepts_a_message_once_and_counts_the_redelivery(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var id = Guid.NewGuid();
        var accepted = new List<bool>();

        for (var i = 0; i < 2; i++)
        {
            await using var tx = await test.Database.BeginAsync(None);
            accepted.Add(await tx.Inbox.TryAcceptAsync(id, "TestConsumer", None));
            await tx.CommitAsync(None);
        }

        Assert.Equal([true, false], accepted);
        Assert.Equal(1, await test.Database.ExecuteScalarAsync<int>(
            "SELECT duplicates FROM inbox_messages WHERE message_id = @id", new { id }, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_accepts_each_new_message_once_and_counts_every_redelivery(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var (before, a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await using (var tx = await test.Database.BeginAsync(None))
        {
            Assert.True(await tx.Inbox.TryAcceptAsync(before, "TestConsumer", None));
            await tx.CommitAsync(None);
        }

        IReadOnlyList<Guid> accepted;
        await using (var tx = await test.Database.BeginAsync(None))
        {
            // b twice in the batch, and one handled in an earlier transaction.
            accepted = await tx.Inbox.TryAcceptAllAsync([a, b, before, b, c], "TestConsumer", None);
            await tx.CommitAsync(None);
        }
        await using (var tx = await test.Database.BeginAsync(None))
        {
            Assert.Empty(await tx.Inbox.TryAcceptAllAsync([c, a], "TestConsumer", None));
            Assert.Equal([a], await tx.Inbox.TryAcceptAllAsync([a], "OtherConsumer", None));
            await tx.CommitAsync(None);
        }

        Assert.Equal([a, b, c], accepted);
        var duplicates = await test.Database.QueryAsync<(string, long)>(
            "SELECT message_id, duplicates FROM inbox_messages WHERE consumer = 'TestConsumer'", null, None);
        Assert.Equal(
            new Dictionary<Guid, long> { [before] = 1, [a] = 1, [b] = 1, [c] = 1 },
            duplicates.ToDictionary(d => Guid.Parse(d.Item1), d => d.Item2));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_batch_larger_than_one_list_parameter_is_looked_up_in_parts(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var ids = Enumerable.Range(0, 2_500).Select(_ => Guid.CreateVersion7()).ToList();
        await using (var tx = await test.Database.BeginAsync(None))
        {
            Assert.Equal(1_200, (await tx.Inbox.TryAcceptAllAsync(ids[..1_200], "TestConsumer", None)).Count);
            await tx.CommitAsync(None);
        }

        await using (var tx = await test.Database.BeginAsync(None))
        {
            Assert.Equal(ids[1_200..], await tx.Inbox.TryAcceptAllAsync(ids, "TestConsumer", None));
            await tx.CommitAsync(None);
        }
        Assert.Equal(1_200, await test.Database.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM inbox_messages WHERE duplicates = 1", null, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Two_consumers_of_one_message_each_accept_it(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var id = Guid.NewGuid();

        await using var tx = await test.Database.BeginAsync(None);
        var first = await tx.Inbox.TryAcceptAsync(id, "CountingConsumer", None);
        var second = await tx.Inbox.TryAcceptAsync(id, "CopyingConsumer", None);

        Assert.True(first && second);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Concurrent_leases_never_share_a_message(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var tx = await test.Database.BeginAsync(None))
        {
            for (var i = 0; i < 300; i++)
                await tx.Outbox.AddAsync(AnEvent(), None);
            await tx.CommitAsync(None);
        }

        var leases = await Task.WhenAll(Enumerable.Range(0, 6).Select(r => LeaseAsync(test.Database, $"replica-{r}", batch: 60, now: 1_000)));

        var all = leases.SelectMany(l => l).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(300, all.Count);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Lease_of_a_replica_that_died_expires_and_another_takes_the_messages(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var tx = await test.Database.BeginAsync(None))
        {
            await tx.Outbox.AddAsync(AnEvent(), None);
            await tx.CommitAsync(None);
        }

        var dead = await LeaseAsync(test.Database, "dead-replica", batch: 10, now: 1_000, leaseMs: 30_000);
        var whileHeld = await LeaseAsync(test.Database, "live-replica", batch: 10, now: 20_000);
        var afterExpiry = await LeaseAsync(test.Database, "live-replica", batch: 10, now: 31_001);

        Assert.Single(dead);
        Assert.Empty(whileHeld);
        Assert.Equal(dead, afterExpiry);
    }

    private static async Task<List<long>> LeaseAsync(ServiceDatabase db, string owner, int batch, long now, long leaseMs = 30_000)
    {
        await using var tx = await db.BeginAsync(None);
        var rows = await tx.QueryAsync<long>(
            db.Dialect.LeaseOutboxSql.Replace("RETURNING id AS Id, message_id AS MessageId, message_type AS MessageType, body AS Body", "RETURNING id", StringComparison.Ordinal)
                .Replace("OUTPUT inserted.id AS Id, inserted.message_id AS MessageId, inserted.message_type AS MessageType, inserted.body AS Body", "OUTPUT inserted.id", StringComparison.Ordinal),
            new { owner, now, until = now + leaseMs, batch }, None);
        await tx.CommitAsync(None);
        return rows.ToList();
    }
}
