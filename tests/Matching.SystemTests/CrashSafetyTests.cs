using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>
/// Faults injected into the distributed shape; every consultation must be counted exactly once.
/// "Exactly" is checked three ways: the KPI answer, the ledger rows, and the inbox's record of redeliveries.
/// </summary>
public sealed class CrashSafetyTests
{
    private static readonly DateOnly June = new(2025, 6, 1);

    private static long Ledger(DistributedProduct product) =>
        product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation'");

    private static long Duplicates(DistributedProduct product) =>
        product.Scalar("programs", "SELECT COALESCE(SUM(duplicates), 0) FROM inbox_messages WHERE consumer = 'ConsultationLoggedConsumer'");

    private static async Task<Guid> PrepareCompanyAsync(DistributedProduct product, string program)
    {
        await product.Slice.CreateProgramAsync(program, $"{program} 人材センター");
        var company = await product.Slice.RegisterCompanyAsync(program);
        await product.Slice.LogConsultationAsync(program, company, June);
        return company;
    }

    private static async Task ExpectCountAsync(DistributedProduct product, string program, long expected)
    {
        try
        {
            await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync(program, 2025), expected, TimeSpan.FromSeconds(90), "the consultation count");
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{product.Logs()}", ex);
        }
        // Give a late duplicate the chance to show up before judging "exactly once".
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(expected, await product.Slice.ConsultationCountAsync(program, 2025));
        Assert.Equal(expected, Ledger(product));
    }

    [Fact]
    public async Task Broker_stopped_while_consultations_are_logged_counts_each_exactly_once()
    {
        await using var product = await DistributedProduct.StartAsync();
        var company = await PrepareCompanyAsync(product, "outage");
        var logged = 1;

        for (var i = 0; i < 10; i++, logged++)
            await product.Slice.LogConsultationAsync("outage", company, June);
        var stopping = product.Broker.StopAsync();
        for (var i = 0; i < 15; i++, logged++)
            await product.Slice.LogConsultationAsync("outage", company, June);
        await stopping;
        for (var i = 0; i < 10; i++, logged++)
            await product.Slice.LogConsultationAsync("outage", company, June);
        var unsentDuringOutage = product.Scalar("coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL");
        await product.Broker.StartAgainAsync();
        for (var i = 0; i < 10; i++, logged++)
            await product.Slice.LogConsultationAsync("outage", company, June);

        Assert.True(unsentDuringOutage >= 10, $"only {unsentDuringOutage} events waited in the outbox during the outage");
        await ExpectCountAsync(product, "outage", logged);
        Assert.Equal(0, product.Scalar("coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task Service_killed_after_commit_before_publish_publishes_after_restart_and_counts_once()
    {
        await using var product = await DistributedProduct.StartAsync();
        var company = await PrepareCompanyAsync(product, "killed");
        await ExpectCountAsync(product, "killed", 1);
        var coordinators = product.Coordinators[0];
        // Restart with publishing switched off: requests commit (201) and their events stay in the outbox.
        await coordinators.StopAsync();
        await coordinators.StartAgainAsync(product.ServiceSettings("coordinators", "--Matching:Outbox:Enabled", "false"));

        for (var i = 0; i < 7; i++)
            await product.Slice.LogConsultationAsync("killed", company, June);
        var committedNotPublished = product.Scalar("coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL");
        await coordinators.KillAsync();
        await coordinators.StartAgainAsync(product.ServiceSettings("coordinators"));

        Assert.Equal(7, committedNotPublished);
        await ExpectCountAsync(product, "killed", 8);
        Assert.Equal(0, Duplicates(product));
    }

    [Fact]
    public async Task Service_killed_while_publishing_loses_nothing_and_counts_once()
    {
        await using var product = await DistributedProduct.StartAsync();
        var company = await PrepareCompanyAsync(product, "midflight");

        var logging = Task.WhenAll(Enumerable.Range(0, 40).Select(_ => CreatedAsync(product.Slice.PostConsultationAsync("midflight", company, June))));
        await Task.Delay(300);
        await product.Coordinators[0].KillAsync();
        var answers = (await logging).Count(created => created);
        await product.Coordinators[0].StartAgainAsync();

        // Whatever was answered 201 was committed and must be counted; nothing else may be.
        var committed = product.Scalar("coordinators", "SELECT COUNT(*) FROM consultations");
        Assert.True(committed >= 1 + answers, $"{answers} answered 201 but only {committed} rows");
        await ExpectCountAsync(product, "midflight", committed);
    }

    [Fact]
    public async Task Same_message_delivered_twice_is_counted_once()
    {
        await using var product = await DistributedProduct.StartAsync();
        await PrepareCompanyAsync(product, "twice");
        await ExpectCountAsync(product, "twice", 1);

        // Deliver every ConsultationLogged again with the same message id: the relay republishes unsent rows.
        using (var coordinators = product.OpenDatabase("coordinators"))
        using (var resend = coordinators.CreateCommand())
        {
            resend.CommandText = "UPDATE outbox_messages SET sent_at = NULL, lock_owner = NULL, locked_until = NULL WHERE message_type LIKE '%ConsultationLogged%'";
            Assert.Equal(1, resend.ExecuteNonQuery());
        }

        await Poll.UntilEqualAsync(() => Task.FromResult(Duplicates(product)), 1L, TimeSpan.FromSeconds(60), "the redelivery to reach the inbox");
        await ExpectCountAsync(product, "twice", 1);
    }

    [Fact]
    public async Task Two_replicas_sharing_one_database_and_queue_publish_and_count_every_event_once()
    {
        await using var product = await DistributedProduct.StartAsync(coordinatorReplicas: 2);
        var company = await PrepareCompanyAsync(product, "replicas");
        var slices = new List<Slice>();
        foreach (var replica in product.Coordinators)
            slices.Add(new Slice(product.Admin, await product.DirectClientAsync(replica)));

        // Both replicas log at once, straight to each replica, so both relays work on the one outbox table.
        await Task.WhenAll(slices.Select(slice => Task.WhenAll(
            Enumerable.Range(0, 30).Select(i => slice.LogConsultationAsync("replicas", company, June.AddDays(i % 28))))));

        await ExpectCountAsync(product, "replicas", 61);
        Assert.Equal(0, Duplicates(product));
        Assert.Equal(0, product.Scalar("coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL"));
        // Each row was published by exactly one relay, in one attempt.
        Assert.Equal(0, product.Scalar("coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE attempts <> 1"));
    }

    private static async Task<bool> CreatedAsync(Task<HttpResponseMessage> request)
    {
        try
        {
            return (await request).StatusCode == System.Net.HttpStatusCode.Created;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
