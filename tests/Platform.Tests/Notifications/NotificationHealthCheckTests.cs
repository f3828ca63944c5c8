using Matching.Testing;
using Matching.Platform.Notifications;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matching.Platform.Tests.Notifications;

public sealed class NotificationHealthCheckTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task A_notification_waiting_longer_than_StaleAfter_degrades_readiness(string provider)
    {
        await using var test = await TestDatabase.CreateAsync(provider);
        await using (var tx = await test.Database.BeginAsync(None))
        {
            await tx.QueueNotificationAsync(new Notification("demo", "email", "recruiter@example.jp", "件名", "本文", null, "k"), None);
            await tx.CommitAsync(None);
        }
        var options = new NotificationOptions { StaleAfter = TimeSpan.FromHours(1) };

        var now = await new NotificationHealthCheck(test.Database, options, TimeProvider.System).CheckHealthAsync(new HealthCheckContext(), None);
        var later = await new NotificationHealthCheck(test.Database, options, new Later(TimeSpan.FromHours(2))).CheckHealthAsync(new HealthCheckContext(), None);

        Assert.Equal(HealthStatus.Healthy, now.Status);
        Assert.Equal(HealthStatus.Degraded, later.Status);
        Assert.Contains("1 notifications of test", later.Description, StringComparison.Ordinal);
    }

    /// <summary>The clock some time ahead.</summary>
    private sealed class Later(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }
}
