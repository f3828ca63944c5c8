using Matching.Platform.Data;
using Matching.Platform.Webhooks;
using Matching.Testing;

namespace Matching.Platform.Tests.Webhooks;

/// <summary>Deliveries from a service database to a recruiting firm's system, over real HTTP to a real receiver.</summary>
public sealed class WebhookDeliveryTests
{
    private const string Program = "hokkaido";
    private const string Firm = "recruiter:7d1c";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Receiver_verifies_with_the_current_secret_and_with_the_old_one_during_an_overlap(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var oldSecret = await SubscribeAsync(db.Database, receiver.Url);
        var newSecret = await RotateAsync(db.Database, DateTimeOffset.UtcNow.AddHours(1));
        await EnqueueAsync(db.Database, ("referral-1", 1));
        await using var process = await WebhookProcess.StartAsync(db.Database);

        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), Deadline, "the delivery");

        var received = receiver.Accepted[0];
        Assert.Equal(2, received.Signature.Split(' ').Length);
        Assert.True(Verify(newSecret, received));
        Assert.True(Verify(oldSecret, received));
        Assert.False(Verify(WebhookSignature.NewSecret(), received));
        Assert.False(Verify(newSecret, received with { Body = received.Body.Replace("referral-1", "referral-2", StringComparison.Ordinal) }));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Once_the_overlap_ends_only_the_new_secret_signs(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var oldSecret = await SubscribeAsync(db.Database, receiver.Url);
        var newSecret = await RotateAsync(db.Database, DateTimeOffset.UtcNow);
        await EnqueueAsync(db.Database, ("referral-1", 1));
        await using var process = await WebhookProcess.StartAsync(db.Database);

        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), Deadline, "the delivery");

        Assert.True(Verify(newSecret, receiver.Accepted[0]));
        Assert.False(Verify(oldSecret, receiver.Accepted[0]));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_receiver_that_was_down_gets_every_delivery_once_and_in_order_per_key(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(db.Database, receiver.Url);
        await receiver.StopAsync();
        var keys = new[] { "referral-a", "referral-b", "referral-c" };
        for (var sequence = 1; sequence <= 5; sequence++)
            await EnqueueAsync(db.Database, keys.Select(key => (key, sequence)).ToArray());
        await using var process = await WebhookProcess.StartAsync(db.Database);
        await Poll.UntilAsync(async () => (await LogAsync(db.Database)).Items.Any(e => e.Attempts >= 3), Deadline, "attempts against the closed port");

        await receiver.RestartAsync();
        receiver.RefuseEvery = 3;
        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count == 15), Deadline, "all 15 deliveries");

        Assert.All(keys, key => Assert.Equal([1, 2, 3, 4, 5], receiver.Accepted.Where(r => r.Key == key).Select(r => r.Sequence)));
        Assert.Equal(15, receiver.Accepted.Select(r => r.Id).Distinct().Count());
        await Poll.UntilAsync(
            async () => (await LogAsync(db.Database)).Items.All(e => e.Status == WebhookDeliveryStatus.Delivered), Deadline, "every delivery marked delivered");
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_receiver_that_stays_down_leaves_the_delivery_failed_and_a_replay_delivers_it_with_its_id(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Unavailable = true;
        await SubscribeAsync(db.Database, receiver.Url);
        var deliveryId = (await EnqueueAsync(db.Database, ("referral-1", 1)))[0];
        await using var process = await WebhookProcess.StartAsync(db.Database, new() { ["Matching:Webhooks:MaxAttempts"] = "3" });
        var failed = await PollEntryAsync(db.Database, deliveryId, WebhookDeliveryStatus.Failed);

        receiver.Unavailable = false;
        var replayed = await ReplayAsync(db.Database, deliveryId);
        var delivered = await PollEntryAsync(db.Database, deliveryId, WebhookDeliveryStatus.Delivered);

        Assert.Equal((3, 503), (failed.Attempts, failed.LastStatusCode));
        Assert.StartsWith("HTTP 503", failed.LastError, StringComparison.Ordinal);
        Assert.True(replayed);
        Assert.Equal(200, delivered.LastStatusCode);
        Assert.Equal([deliveryId], receiver.Accepted.Select(r => r.Id));
        Assert.Equal(4, receiver.Requests.Count(r => r.Id == deliveryId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Replaying_what_failed_since_an_outage_began_sends_each_again_and_the_log_shows_it_newest_first(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Unavailable = true;
        await SubscribeAsync(db.Database, receiver.Url);
        var outageBegan = DateTimeOffset.UtcNow.AddSeconds(-1);
        var ids = await EnqueueAsync(db.Database, ("referral-1", 1), ("referral-2", 1), ("referral-1", 2));
        await using var process = await WebhookProcess.StartAsync(db.Database, new() { ["Matching:Webhooks:MaxAttempts"] = "2" });
        await Poll.UntilAsync(
            async () => (await LogAsync(db.Database)).Items.All(e => e.Status == WebhookDeliveryStatus.Failed), Deadline, "every delivery failed");

        receiver.Unavailable = false;
        int replayed;
        await using (var tx = await db.Database.BeginAsync(CancellationToken.None))
        {
            replayed = await WebhookDeliveries.ReplayFailedAsync(tx, Program, Firm, outageBegan, DateTimeOffset.UtcNow, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }
        await Poll.UntilAsync(
            async () => (await LogAsync(db.Database)).Items.All(e => e.Status == WebhookDeliveryStatus.Delivered), Deadline, "every delivery delivered");
        var firstPage = await WebhookDeliveries.LogAsync(db.Database, Program, Firm, page: 1, pageSize: 2, CancellationToken.None);

        Assert.Equal(3, replayed);
        Assert.Equal(ids.Order(StringComparer.Ordinal), receiver.Accepted.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal([1, 2], receiver.Accepted.Where(r => r.Key == "referral-1").Select(r => r.Sequence));
        Assert.Equal(3, firstPage.Total);
        Assert.Equal([ids[2], ids[1]], firstPage.Items.Select(e => e.DeliveryId));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dispatcher_stopped_before_it_marks_an_accepted_delivery_leads_to_a_resend_with_the_same_id(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.BeforeAnswer = () => answer.Task;
        await SubscribeAsync(db.Database, receiver.Url);
        var deliveryId = (await EnqueueAsync(db.Database, ("referral-1", 1)))[0];
        var first = await WebhookProcess.StartAsync(db.Database);
        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), Deadline, "the first send");

        await first.DisposeAsync();
        var leftLeased = await WebhookDeliveries.FindAsync(db.Database, Program, Firm, deliveryId, CancellationToken.None);
        answer.SetResult();
        await using var second = await WebhookProcess.StartAsync(db.Database);
        var delivered = await PollEntryAsync(db.Database, deliveryId, WebhookDeliveryStatus.Delivered);

        Assert.Equal((WebhookDeliveryStatus.Pending, 0), (leftLeased!.Status, leftLeased.Attempts));
        Assert.Equal([deliveryId, deliveryId], receiver.Requests.Select(r => r.Id));
        Assert.Equal(1, receiver.Repeats);
        Assert.Equal(1, delivered.Attempts);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_delivery_queued_in_a_transaction_that_rolls_back_is_never_sent(string provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        await SubscribeAsync(db.Database, receiver.Url);
        await using (var tx = await db.Database.BeginAsync(CancellationToken.None))
        {
            await WebhookDeliveries.EnqueueAsync(tx, Program, Firm, "referral.sent", "referral-0", new { key = "referral-0", sequence = 0 }, DateTimeOffset.UtcNow, CancellationToken.None);
        }
        await EnqueueAsync(db.Database, ("referral-1", 1));
        await using var process = await WebhookProcess.StartAsync(db.Database);

        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count == 1), Deadline, "the committed delivery");

        Assert.Equal(["referral-1"], receiver.Requests.Select(r => r.Key));
        Assert.Equal(1, (await LogAsync(db.Database)).Total);
    }

    private static bool Verify(string secret, WebhookReceiver.Received received) =>
        WebhookSignature.Verify(secret, received.Id, received.Timestamp, received.Signature, received.Body, DateTimeOffset.UtcNow);

    private static async Task<string> SubscribeAsync(ServiceDatabase database, string url)
    {
        await using var tx = await database.BeginAsync(CancellationToken.None);
        var created = await WebhookSubscriptions.CreateAsync(tx, Program, Firm, url, WebhookProcess.OptionsOf(), DateTimeOffset.UtcNow, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return created!.Value.Secret.Secret;
    }

    private static async Task<string> RotateAsync(ServiceDatabase database, DateTimeOffset overlapUntil)
    {
        await using var tx = await database.BeginAsync(CancellationToken.None);
        var rotated = await WebhookSubscriptions.RotateSecretAsync(tx, Program, Firm, overlapUntil, WebhookProcess.OptionsOf(), DateTimeOffset.UtcNow, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return rotated!.Secret;
    }

    /// <summary>Queues one delivery per (key, sequence), in one transaction, as a use case would beside its change.</summary>
    private static async Task<IReadOnlyList<string>> EnqueueAsync(ServiceDatabase database, params (string Key, int Sequence)[] deliveries)
    {
        var ids = new List<string>();
        await using var tx = await database.BeginAsync(CancellationToken.None);
        foreach (var (key, sequence) in deliveries)
        {
            ids.Add((await WebhookDeliveries.EnqueueAsync(
                tx, Program, Firm, "referral.sent", key, new { key, sequence }, DateTimeOffset.UtcNow, CancellationToken.None))!);
        }
        await tx.CommitAsync(CancellationToken.None);
        return ids;
    }

    private static async Task<bool> ReplayAsync(ServiceDatabase database, string deliveryId)
    {
        await using var tx = await database.BeginAsync(CancellationToken.None);
        var replayed = await WebhookDeliveries.ReplayAsync(tx, Program, Firm, deliveryId, DateTimeOffset.UtcNow, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
        return replayed;
    }

    private static Task<Matching.Platform.Http.ListPage<WebhookDeliveryEntry>> LogAsync(ServiceDatabase database) =>
        WebhookDeliveries.LogAsync(database, Program, Firm, page: 1, pageSize: 100, CancellationToken.None);

    private static async Task<WebhookDeliveryEntry> PollEntryAsync(ServiceDatabase database, string deliveryId, WebhookDeliveryStatus status)
    {
        WebhookDeliveryEntry? entry = null;
        await Poll.UntilAsync(
            async () => (entry = await WebhookDeliveries.FindAsync(database, Program, Firm, deliveryId, CancellationToken.None))?.Status == status,
            Deadline, $"{deliveryId} to be {status}");
        return entry!;
    }
}
