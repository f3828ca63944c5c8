using Matching.Testing;
using RabbitMQ.Client;

namespace Matching.SystemTests;

/// <summary>A message a service cannot handle is retried, then parked in its queue's _error queue for an operator.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Unreadable_message_is_parked_in_the_error_queue_and_the_rest_still_counts()
    {
        await using var product = await DistributedProduct.StartAsync();
        await product.Slice.CreateProgramAsync("faults", "障害テスト");
        var company = await product.Slice.RegisterCompanyAsync("faults");
        await product.Slice.LogConsultationAsync("faults", company, new DateOnly(2025, 6, 1));

        var factory = new ConnectionFactory { Uri = product.Broker.AmqpUri };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { Persistent = true, ContentType = "application/vnd.masstransit+json", MessageId = Guid.NewGuid().ToString() };
            await channel.BasicPublishAsync("", "programs-consultation-logged", mandatory: true, properties, "{ this is not json"u8.ToArray());
        }
        await product.Slice.LogConsultationAsync("faults", company, new DateOnly(2025, 6, 2));

        await Poll.UntilAsync(async () => (await ErrorQueueDepthAsync(product)) == 1, TimeSpan.FromSeconds(60), "the unreadable message in the _error queue");
        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("faults", 2025), 2L, Slice.Eventually, "the good consultations counted");
    }

    private static async Task<int> ErrorQueueDepthAsync(DistributedProduct product)
    {
        var queues = await product.Broker.RabbitMqCtlAsync(["list_queues", "name", "messages", "--quiet"]);
        var line = queues.Split('\n').Select(l => l.Split('\t', ' ')).FirstOrDefault(f => f[0] == "programs-consultation-logged_error");
        return line is null ? 0 : int.Parse(line.Last(s => s.Length > 0), System.Globalization.CultureInfo.InvariantCulture);
    }
}
