using System.Diagnostics;
using Dapper;
using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Matching.Benchmarks;

/// <summary>What this machine can do at best, below the product: the ceiling the pipeline is judged against.</summary>
internal static class RawLimits
{
    /// <summary>Persistent messages published with confirms to a quorum queue and consumed with acks, as the product uses the broker.</summary>
    public static async Task<Measurement> RabbitMqConfirmedRoundTripAsync(BenchmarkOptions options)
    {
        await using var broker = await RabbitMqBroker.StartAsync();
        var factory = new ConnectionFactory { Uri = broker.AmqpUri };
        await using var publisherConnection = await factory.CreateConnectionAsync();
        await using var consumerConnection = await factory.CreateConnectionAsync();
        await using var publisher = await publisherConnection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        await using var consumer = await consumerConnection.CreateChannelAsync();
        await publisher.QueueDeclareAsync("raw-limit", durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "quorum" });
        await consumer.BasicQosAsync(0, 64, false);

        var sentAt = new long[options.Messages];
        var latencies = new List<double>(options.Messages);
        var received = 0;
        var done = new TaskCompletionSource();
        var receiver = new AsyncEventingBasicConsumer(consumer);
        receiver.ReceivedAsync += async (_, delivery) =>
        {
            var index = BitConverter.ToInt32(delivery.Body.Span);
            lock (latencies)
                latencies.Add(Stopwatch.GetElapsedTime(sentAt[index]).TotalMilliseconds);
            await consumer.BasicAckAsync(delivery.DeliveryTag, false);
            if (Interlocked.Increment(ref received) == options.Messages)
                done.TrySetResult();
        };
        await consumer.BasicConsumeAsync("raw-limit", autoAck: false, receiver);

        var body = new byte[400];
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var clock = Stopwatch.StartNew();
        var inFlight = new SemaphoreSlim(options.Concurrency * 4);
        var publishes = new List<Task>(options.Messages);
        for (var i = 0; i < options.Messages; i++)
        {
            await inFlight.WaitAsync();
            var payload = (byte[])body.Clone();
            BitConverter.TryWriteBytes(payload, i);
            sentAt[i] = Stopwatch.GetTimestamp();
            publishes.Add(PublishAsync(payload));
        }
        await Task.WhenAll(publishes);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return Measurement.Of("RabbitMQ quorum queue, confirmed publish + consume", options.Messages, clock.Elapsed, latencies);

        async Task PublishAsync(byte[] payload)
        {
            try
            {
                await publisher.BasicPublishAsync("", "raw-limit", mandatory: true, properties, payload);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }

    /// <summary>
    /// Single-row write transactions, each its own durable commit, with the product's own SQLite settings (WAL,
    /// synchronous=FULL, BEGIN IMMEDIATE) but without its group commit: what the disk allows one writer.
    /// </summary>
    public static async Task<Measurement> SqliteCommitsAsync(BenchmarkOptions options)
    {
        using var folder = new TempFolder("matching-bench-sqlite");
        var database = new ServiceDatabase("bench", SqlDialect.Sqlite,
            $"Data Source={Path.Combine(folder.Path, "bench.db")};Pooling=True;Default Timeout=30", new OutboxSignal());
        await Migrator.ApplyAsync(database, "platform", typeof(SqlDialect).Assembly, CancellationToken.None);
        await using (var tx = await database.BeginAsync(CancellationToken.None))
        {
            await tx.ExecuteAsync("CREATE TABLE rows (id TEXT PRIMARY KEY, value TEXT NOT NULL)", null, CancellationToken.None);
            await tx.CommitAsync(CancellationToken.None);
        }

        var latencies = new List<double>(options.SqliteCommits);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < options.SqliteCommits; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
            await connection.ExecuteAsync(new CommandDefinition("INSERT INTO rows (id, value) VALUES (@id, @value)",
                new { id = Guid.NewGuid(), value = "経営者との相談" }, transaction));
            await transaction.CommitAsync();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        return Measurement.Of("SQLite single-row commits (one durable commit each)", options.SqliteCommits, clock.Elapsed, latencies);
    }
}
