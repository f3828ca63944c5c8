using Matching.Platform.Data;
using Matching.Platform.Notifications;
using Matching.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Matching.Platform.Tests.Notifications;

/// <summary>Notifications queued with a change, sent by the dispatcher through the e-mail channel to a real SMTP listener.</summary>
public sealed class NotificationDispatchTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static readonly NotificationOptions Fast = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(50),
        RetryDelay = TimeSpan.FromMilliseconds(100),
        MaxRetryDelay = TimeSpan.FromMilliseconds(400),
        SendTimeout = TimeSpan.FromSeconds(10),
        BatchSize = 5,
    };

    private static Notification ANotification(string key = "referral-sent:1", string to = "recruiter@example.jp") => new(
        "demo",
        EmailChannel.ChannelName,
        to,
        "【取次】新しい人材ニーズが届きました / A new talent need was referred",
        "株式会社みらい製作所の人材ニーズ（生産管理リーダー）が取り次がれました。5営業日以内にご回答ください。\nA talent need was referred to you; please answer within 5 business days.",
        new Uri("https://matching.example.jp/programs/demo/referrals/1"),
        key);

    private static NotificationDispatcher Dispatcher(ServiceDatabase database, SmtpListener smtp, NotificationOptions? options = null) => new(
        database,
        [new EmailChannel(new MailOptions { Host = "127.0.0.1", Port = smtp.Port, From = "office@matching.example.jp", FromName = "UIターン人材マッチング事務局", Security = MailKit.Security.SecureSocketOptions.None })],
        options ?? Fast,
        TimeProvider.System,
        NullLogger<NotificationDispatcher>.Instance);

    private static async Task<bool> QueueAsync(ServiceDatabase database, Notification notification, bool commit = true)
    {
        await using var tx = await database.BeginAsync(None);
        var queued = await tx.QueueNotificationAsync(notification, None);
        if (commit)
            await tx.CommitAsync(None);
        return queued;
    }

    private static Task<Row?> RowAsync(ServiceDatabase database, string key) =>
        database.QuerySingleOrDefaultAsync<Row>(
            "SELECT status AS Status, CAST(attempts AS BIGINT) AS Attempts, last_error AS LastError FROM notifications WHERE dedup_key = @key", new { key }, None);

    private static Task<long> CountAsync(ServiceDatabase database, string status) =>
        database.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notifications WHERE status = @status", new { status }, None);

    private static Task UntilReceivedAsync(SmtpListener smtp, int count) =>
        Poll.UntilAsync(() => Task.FromResult(smtp.Received.Count >= count), Deadline, $"{count} mails at the SMTP listener");

    private static string TextOf(MimeMessage message) => (message.TextBody ?? "").Replace("\r\n", "\n", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_notification_queued_in_a_committed_transaction_arrives_once_in_Japanese_with_its_link(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        using var dispatcher = Dispatcher(test.Database, smtp);
        var notification = ANotification();

        await QueueAsync(test.Database, notification);
        await dispatcher.StartAsync(None);
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Sent"), 1, Deadline, "sent notifications");
        await dispatcher.StopAsync(None);

        var mail = Assert.Single(smtp.Received);
        Assert.Equal(notification.Subject, mail.Subject);
        Assert.Contains(notification.Body, TextOf(mail), StringComparison.Ordinal);
        Assert.Contains("https://matching.example.jp/programs/demo/referrals/1", TextOf(mail), StringComparison.Ordinal);
        Assert.Equal("utf-8", mail.BodyParts.OfType<TextPart>().Single().ContentType.Charset, ignoreCase: true);
        Assert.Equal("recruiter@example.jp", mail.To.Mailboxes.Single().Address);
        Assert.Equal("UIターン人材マッチング事務局", mail.From.Mailboxes.Single().Name);
        Assert.StartsWith("notification-", mail.MessageId, StringComparison.Ordinal);
        Assert.EndsWith("@matching.example.jp", mail.MessageId, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_notification_of_a_rolled_back_transaction_is_never_sent(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        using var dispatcher = Dispatcher(test.Database, smtp);

        await QueueAsync(test.Database, ANotification("rolled-back", "nobody@example.jp"), commit: false);
        await QueueAsync(test.Database, ANotification("committed-later", "somebody@example.jp"));
        await dispatcher.StartAsync(None);
        await UntilReceivedAsync(smtp, 1);   // the later commit is sent, so the earlier one would have been by now
        await dispatcher.StopAsync(None);

        Assert.Equal("somebody@example.jp", Assert.Single(smtp.Received).To.Mailboxes.Single().Address);
        Assert.Null(await RowAsync(test.Database, "rolled-back"));
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queueing_the_same_notification_twice_writes_one_row_and_sends_one_mail(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        using var dispatcher = Dispatcher(test.Database, smtp);

        var first = await QueueAsync(test.Database, ANotification("referral-sent:7"));
        var second = await QueueAsync(test.Database, ANotification("referral-sent:7"));
        await QueueAsync(test.Database, ANotification("referral-sent:8"));
        await dispatcher.StartAsync(None);
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Sent"), 2, Deadline, "sent notifications");
        var third = await QueueAsync(test.Database, ANotification("referral-sent:7"));   // after it was sent
        await QueueAsync(test.Database, ANotification("referral-sent:9"));
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Sent"), 3, Deadline, "sent notifications");
        await dispatcher.StopAsync(None);

        Assert.Equal([true, false, false], new[] { first, second, third });
        Assert.Equal(3, smtp.Received.Count);
        Assert.Equal(3, smtp.Received.Select(m => m.MessageId).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Mail_waits_while_the_SMTP_server_is_down_and_arrives_when_it_returns(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = new SmtpListener();   // not started: the port refuses connections
        using var dispatcher = Dispatcher(test.Database, smtp);

        await QueueAsync(test.Database, ANotification());
        await dispatcher.StartAsync(None);
        await Poll.UntilAsync(async () => (await RowAsync(test.Database, "referral-sent:1"))!.Attempts >= 2, Deadline, "two failed attempts");
        await smtp.StartAsync();
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Sent"), 1, Deadline, "sent notifications");
        await dispatcher.StopAsync(None);

        var row = (await RowAsync(test.Database, "referral-sent:1"))!;
        Assert.Single(smtp.Received);
        Assert.True(row.Attempts >= 3, $"{row.Attempts} attempts");
        Assert.Null(row.LastError);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_server_that_refuses_the_mail_leaves_the_notification_failed_after_one_attempt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        smtp.Refuse = true;
        using var dispatcher = Dispatcher(test.Database, smtp);

        await QueueAsync(test.Database, ANotification());
        await dispatcher.StartAsync(None);
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Failed"), 1, Deadline, "failed notifications");
        await dispatcher.StopAsync(None);

        var row = (await RowAsync(test.Database, "referral-sent:1"))!;
        Assert.Equal(1, row.Attempts);
        Assert.Contains("554", row.LastError, StringComparison.Ordinal);
        Assert.Empty(smtp.Received);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_server_that_stays_down_leaves_the_notification_failed_after_the_last_attempt(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = new SmtpListener();
        var options = new NotificationOptions { PollInterval = Fast.PollInterval, RetryDelay = Fast.RetryDelay, MaxRetryDelay = Fast.MaxRetryDelay, MaxAttempts = 3 };
        using var dispatcher = Dispatcher(test.Database, smtp, options);

        await QueueAsync(test.Database, ANotification());
        await dispatcher.StartAsync(None);
        await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Failed"), 1, Deadline, "failed notifications");
        await dispatcher.StopAsync(None);

        var row = (await RowAsync(test.Database, "referral-sent:1"))!;
        Assert.Equal(3, row.Attempts);
        Assert.NotNull(row.LastError);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_dispatcher_stopped_midway_and_a_new_one_on_the_same_database_send_each_mail_once(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        for (var i = 0; i < 30; i++)
            await QueueAsync(test.Database, ANotification($"referral-sent:{i}", $"recruiter{i}@example.jp"));

        using (var first = Dispatcher(test.Database, smtp))
        {
            await first.StartAsync(None);
            await UntilReceivedAsync(smtp, 3);
            await first.StopAsync(None);
        }
        var sentBeforeRestart = smtp.Received.Count;
        using (var second = Dispatcher(test.Database, smtp))
        {
            await second.StartAsync(None);
            await Poll.UntilEqualAsync(() => CountAsync(test.Database, "Sent"), 30, Deadline, "sent notifications");
            await second.StopAsync(None);
        }

        Assert.InRange(sentBeforeRestart, 3, 29);
        Assert.Equal(30, smtp.Received.Count);
        Assert.Equal(30, smtp.Received.Select(m => m.To.Mailboxes.Single().Address).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_notification_leased_by_a_replica_that_died_is_sent_once_the_lease_expires(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using var smtp = await SmtpListener.StartedAsync();
        using var dispatcher = Dispatcher(test.Database, smtp);
        await QueueAsync(test.Database, ANotification());
        var leaseEnds = DateTimeOffset.UtcNow.AddSeconds(1);
        await using (var tx = await test.Database.BeginAsync(None))
        {
            await tx.ExecuteAsync("UPDATE notifications SET lock_owner = 'died', locked_until = @until", new { until = leaseEnds.ToUnixTimeMilliseconds() }, None);
            await tx.CommitAsync(None);
        }

        await dispatcher.StartAsync(None);
        await UntilReceivedAsync(smtp, 1);
        var arrived = DateTimeOffset.UtcNow;
        await dispatcher.StopAsync(None);

        Assert.True(arrived >= leaseEnds, "sent while another replica's lease held");
        Assert.Single(smtp.Received);
    }

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Without_a_mail_host_no_email_channel_exists_and_queued_mail_stays_queued(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        var services = new ServiceCollection()
            .AddLogging()
            .AddMatchingNotifications(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Matching:Mail:From"] = "office@example.jp" }).Build());
        await using var provided = services.AddNotificationDispatcher(test.Database).BuildServiceProvider();
        var dispatcher = provided.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<NotificationDispatcher>().Single();

        await QueueAsync(test.Database, ANotification());
        var leased = await dispatcher.DispatchBatchAsync(None);

        Assert.Empty(provided.GetServices<INotificationChannel>());
        Assert.Equal(0, leased);
        Assert.Equal(new Row("Queued", 0, null), await RowAsync(test.Database, "referral-sent:1"));
    }

    [Fact]
    public void A_configured_mail_host_registers_the_email_channel()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Matching:Mail:Host"] = "smtp.example.jp",
            ["Matching:Mail:From"] = "office@example.jp",
            ["Matching:Mail:Security"] = "ssl",
        }).Build();

        using var provided = new ServiceCollection().AddMatchingNotifications(configuration).BuildServiceProvider();

        Assert.Equal(EmailChannel.ChannelName, Assert.Single(provided.GetServices<INotificationChannel>()).Name);
    }

    public sealed record Row(string Status, long Attempts, string? LastError);
}
