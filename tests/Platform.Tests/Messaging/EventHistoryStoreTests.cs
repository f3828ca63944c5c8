using Matching.Contracts.Coordinators;
using Matching.Contracts.Programs;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Platform.Tests.Messaging;

/// <summary>The event history's statements on each database: what a catch-up records, what a replay reads, what compaction removes.</summary>
public sealed class EventHistoryStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static ConsumerQueue Queue(string queue, Type eventType) => new("test", queue, queue + "-consumer", eventType);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_first_start_asks_for_every_queue_and_a_later_start_only_for_a_queue_new_in_the_release(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Database;
        List<ConsumerQueue> release1 = [Queue("test-program-created", typeof(ProgramCreated)), Queue("test-consultation-logged", typeof(ConsultationLogged))];

        var first = await CatchUp.RequestForNewQueuesAsync(db, release1, None);
        var again = await CatchUp.RequestForNewQueuesAsync(db, release1, None);
        var second = await CatchUp.RequestForNewQueuesAsync(db, [.. release1, Queue("test-consultation-voided", typeof(ConsultationVoided))], None);

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.NotNull(second);
        Assert.Equal(["first-start", "new-consumer"], await db.QueryAsync<string>("SELECT reason FROM catch_ups ORDER BY requested_at", null, None));
        Assert.Equal(["coordinators", "programs"], await db.QueryAsync<string>(
            "SELECT publisher FROM catch_up_answers WHERE request_id = @id AND answered_at IS NULL ORDER BY publisher", new { id = first }, None));
        Assert.Equal(["coordinators"], await db.QueryAsync<string>("SELECT publisher FROM catch_up_answers WHERE request_id = @id", new { id = second }, None));
        Assert.Equal(3, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM catch_up_queues", null, None));
        Assert.Equal(2, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages WHERE message_type LIKE '%HistoryRequested%' AND sent_at IS NULL", null, None));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_replay_page_reads_the_asked_types_in_order_up_to_its_end_and_compaction_keeps_unsent_events(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var db = test.Database;
        var old = DateTimeOffset.UtcNow.AddDays(-400);
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            await using var tx = await db.BeginAsync(None);
            await tx.Outbox.AddAsync(new ProgramCreated(Guid.CreateVersion7(), $"p{i}", DateTimeOffset.UtcNow, "名"), None);
            await tx.Outbox.AddAsync(new ConsultationVoided(Guid.CreateVersion7(), $"p{i}", DateTimeOffset.UtcNow, Guid.NewGuid(), Guid.NewGuid(), new DateOnly(2025, 6, 1), "誤り"), None);
            await tx.CommitAsync(None);
        }
        ids.AddRange(await db.QueryAsync<long>("SELECT id FROM outbox_messages ORDER BY id", null, None));
        // The first six rows are a year old and sent; the rest recent, one old row unsent.
        await using (var tx = await db.BeginAsync(None))
        {
            await tx.ExecuteAsync("UPDATE outbox_messages SET created_at = @old, sent_at = @old WHERE id <= @last", new { old, last = ids[5] }, None);
            await tx.ExecuteAsync("UPDATE outbox_messages SET created_at = @old WHERE id = @id", new { old, id = ids[7] }, None);
            await tx.CommitAsync(None);
        }
        var types = new[] { Outbox.TypeName(typeof(ProgramCreated)) };

        var page = await db.QueryAsync<PageRow>(
            HistoryRelay.PageSqlOf(db.Dialect),
            new { position = ids[1], untilId = ids[16], types, since = (DateTimeOffset?)null, pageSize = 3 }, None);
        var since = await db.QueryAsync<PageRow>(
            HistoryRelay.PageSqlOf(db.Dialect),
            new { position = 0L, untilId = ids[^1], types, since = (DateTimeOffset?)DateTimeOffset.UtcNow.AddDays(-1), pageSize = 100 }, None);
        int deleted;
        await using (var tx = await db.BeginAsync(None))
        {
            deleted = await tx.ExecuteAsync(HistoryRelay.CompactSqlOf(db.Dialect), new { cutoff = DateTimeOffset.UtcNow.AddDays(-365), batch = 100 }, None);
            await tx.CommitAsync(None);
        }

        Assert.Equal([ids[2], ids[4], ids[6]], page.Select(r => r.Id));
        Assert.All(page, r => Assert.Equal(types[0], r.MessageType));
        Assert.Equal([ids[6], ids[8], ids[10], ids[12], ids[14], ids[16], ids[18]], since.Select(r => r.Id));
        Assert.Equal(6, deleted);
        Assert.Equal(14, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages", null, None));
        Assert.Equal(1, await db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM outbox_messages WHERE id = @id", new { id = ids[7] }, None));
    }

    private sealed class PageRow
    {
        public long Id { get; init; }

        public string MessageType { get; init; } = "";
    }
}
