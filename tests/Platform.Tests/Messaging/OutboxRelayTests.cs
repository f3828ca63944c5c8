using System.Net.Http.Json;
using System.Net;
using Matching.Platform.Messaging;
using Matching.Testing;

namespace Matching.Platform.Tests.Messaging;

public sealed class OutboxRelayTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 2)]
    [InlineData(3, 8)]
    [InlineData(5, 30)]
    [InlineData(40, 30)]
    public void A_message_that_keeps_failing_is_offered_less_often_up_to_the_limit(int earlierAttempts, int seconds)
    {
        var options = new OutboxOptions { RetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(30) };

        var delay = OutboxDispatcher.RetryDelay(options, earlierAttempts);

        Assert.Equal(TimeSpan.FromSeconds(seconds), delay);
    }

    [Fact]
    public async Task Readiness_is_degraded_while_events_wait_too_long_to_be_published()
    {
        await using var product = await EmbeddedProduct.StartAsync(
            "--Matching:Outbox:Enabled", "false", "--Matching:Outbox:StaleAfter", "00:00:00.001");

        // The demo program's ProgramCreated cannot leave the Programs outbox.
        var response = await product.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ready = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("Degraded", ready.GetProperty("status").GetString());
        Assert.Contains("events of programs wait to be published", ready.GetProperty("checks").GetProperty("outbox-programs").GetProperty("description").GetString());
    }
}
