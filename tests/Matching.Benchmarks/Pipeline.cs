using System.Diagnostics;
using System.Globalization;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.Benchmarks;

/// <summary>
/// Consultations logged end to end in the distributed shape: HTTP → Coordinators commit + outbox → RabbitMQ →
/// Programs ledger committed. Throughput from the first request to the last count; latency from the outbox row
/// (written in the consultation's transaction) to the ledger row (written in the counting transaction).
/// </summary>
internal static class Pipeline
{
    public static async Task<Measurement> ConsultationsEndToEndAsync(BenchmarkOptions options)
    {
        await using var product = await DistributedProduct.StartAsync();
        await product.Slice.CreateProgramAsync("bench", "ベンチマーク人材センター");
        var company = await product.Slice.RegisterCompanyAsync("bench");
        await product.Slice.LogConsultationAsync("bench", company, new DateOnly(2025, 6, 1));
        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("bench", 2025), 1L, TimeSpan.FromSeconds(60), "warm-up");

        // Straight to the service, as the gateway adds a hop that is not part of this pipeline.
        var direct = await product.DirectClientAsync(product.Coordinators[0]);
        var load = ConsultationLoad(direct, company, options.Concurrency);

        // Services run for days: the measured run starts warm (code compiled for the load, pools and caches full).
        var expected = 1L + options.Warmup;
        if (options.Warmup > 0)
        {
            var warming = await load(options.Warmup);
            await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("bench", 2025), expected, TimeSpan.FromMinutes(10), "the warm-up counted");
            Console.WriteLine($"Warm-up: {options.Warmup} consultations in {warming.TotalSeconds:0.00} s");
        }
        var measuredAfter = LastOutboxId(product);

        var cpu = new CpuMeter(
        [
            ("coordinators", product.Coordinators[0].ProcessId ?? 0),
            ("programs", product.Programs.ProcessId ?? 0),
            ("companies", product.Companies.ProcessId ?? 0),
            ("gateway", product.Gateway.ProcessId ?? 0),
            .. CpuMeter.FindProcesses(product.Broker.Folder).Select(pid => ("rabbitmq", pid)),
            ("load generator", Environment.ProcessId),
        ]);
        cpu.Start();
        var accepted = await load(options.Consultations);
        expected += options.Consultations;
        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("bench", 2025), expected, TimeSpan.FromMinutes(10), "every consultation counted");
        cpu.Report(options.Consultations, "consultation");
        var counted = LastCountedAt(product) - FirstLoggedAt(product, measuredAfter);
        Console.WriteLine($"HTTP accepted {options.Consultations} in {accepted.TotalSeconds:0.00} s ({options.Consultations / accepted.TotalSeconds:0}/s)");

        var latencies = CommitToCountedMs(product, measuredAfter);
        var endToEnd = Measurement.Of("Consultations end to end (HTTP → commit → RabbitMQ → counted)", options.Consultations, counted, latencies);
        if (options.Stages)
            await StagesAsync(product, load, options);
        return endToEnd;
    }

    /// <summary>
    /// The load: consultations POSTed to one Coordinators process by <paramref name="concurrency"/> clients, each
    /// awaiting its answer before the next; returns the time until the last was accepted.
    /// </summary>
    internal static Func<int, Task<TimeSpan>> ConsultationLoad(HttpClient direct, Guid company, int concurrency)
    {
        // The request body as a client sends it, serialized once: the load generator shares the two cores.
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new
        {
            companyId = company, date = "2025-07-01", coordinators = new[] { "山田 太郎" }, channel = "visit", issues = new[] { "salesChannels" }, notes = "販路開拓の相談",
        });
        ByteArrayContent Body()
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return content;
        }
        return async consultations =>
        {
            var next = 0;
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref next) <= consultations)
                {
                    using var response = await direct.PostAsync("/api/programs/bench/consultations", Body());
                    response.EnsureSuccessStatusCode();
                }
            })));
            return clock.Elapsed;
        };
    }

    /// <summary>
    /// Where the time goes: the HTTP stage alone (relay switched off, events wait in the outbox; measured after a
    /// warm-up of the restarted process), then the relay and the counting consumer alone (catching up on that backlog,
    /// including the restart that switches the relay on again).
    /// </summary>
    private static async Task StagesAsync(DistributedProduct product, Func<int, Task<TimeSpan>> load, BenchmarkOptions options)
    {
        var process = product.Coordinators[0];
        await process.StopAsync();
        await process.StartAgainAsync(product.ServiceSettings("coordinators", "--Matching:Outbox:Enabled", "false"));
        var before = await product.Slice.ConsultationCountAsync("bench", 2025);
        await load(options.Warmup);
        Measurement.Of("Stage: HTTP → commit + outbox (relay off)", options.Consultations, await load(options.Consultations), []);

        await process.StopAsync();
        var backlog = options.Warmup + options.Consultations;
        var clock = Stopwatch.StartNew();
        await process.StartAgainAsync(product.ServiceSettings("coordinators"));
        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("bench", 2025), before + backlog, TimeSpan.FromMinutes(10), "the backlog counted");
        Measurement.Of("Stage: outbox backlog → RabbitMQ → counted (incl. process start)", backlog, clock.Elapsed, []);
    }

    internal static long LastOutboxId(DistributedProduct product)
    {
        using var connection = product.OpenDatabase("coordinators");
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MAX(id) FROM outbox_messages";
        return (long)command.ExecuteScalar()!;
    }

    internal static DateTimeOffset FirstLoggedAt(DistributedProduct product, long after) =>
        Read(product, "coordinators", $"SELECT created_at FROM outbox_messages WHERE id > {after} ORDER BY id LIMIT 1").Single();

    internal static DateTimeOffset LastCountedAt(DistributedProduct product) =>
        Read(product, "programs", "SELECT MAX(counted_at) FROM counted_events").Single();

    private static List<double> CommitToCountedMs(DistributedProduct product, long after)
    {
        var logged = new Dictionary<string, DateTimeOffset>();
        using (var coordinators = product.OpenDatabase("coordinators"))
        using (var command = coordinators.CreateCommand())
        {
            command.CommandText = "SELECT json_extract(body, '$.consultationId'), created_at FROM outbox_messages WHERE message_type LIKE '%ConsultationLogged%' AND id > " + after;
            using var reader = command.ExecuteReader();
            while (reader.Read())
                logged[reader.GetString(0)] = Parse(reader.GetString(1));
        }
        var latencies = new List<double>();
        using var programs = product.OpenDatabase("programs");
        using var counted = programs.CreateCommand();
        counted.CommandText = "SELECT source_id, counted_at FROM counted_events";
        using var rows = counted.ExecuteReader();
        while (rows.Read())
        {
            if (logged.TryGetValue(rows.GetString(0), out var at))
                latencies.Add((Parse(rows.GetString(1)) - at).TotalMilliseconds);
        }
        return latencies;
    }

    private static List<DateTimeOffset> Read(DistributedProduct product, string service, string sql)
    {
        using SqliteConnection connection = product.OpenDatabase(service);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<DateTimeOffset>();
        while (reader.Read())
            values.Add(Parse(reader.GetString(0)));
        return values;
    }

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
