using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Matching.Contracts.Coordinators;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.Benchmarks;

/// <summary>
/// A catch-up against the live pipeline, in the distributed shape: first the live rate (consultations POSTed to
/// Coordinators → outbox → RabbitMQ → Programs' ledger), then a history Programs never saw (rows put straight into
/// Coordinators' outbox as sent events, while Programs is down) replayed on the operator's <c>catch-up</c> command,
/// timed until every historic event is counted and until Programs reports itself Healthy again. Every event must be
/// counted once: the ledger and the inbox both hold each consultation exactly once.
/// </summary>
internal static class CatchUpBenchmark
{
    private const string Program = "bench";
    private const string Consultation = "consultation";
    private const string CountSql = "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation'";
    private const string InboxSql = "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'ConsultationLoggedConsumer'";
    private const string DuplicatesSql = "SELECT COALESCE(SUM(duplicates), 0) FROM inbox_messages WHERE consumer = 'ConsultationLoggedConsumer'";
    private const string SqliteFormat = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    internal sealed record Result(
        int Live, TimeSpan LiveElapsed, int History, TimeSpan Insert, TimeSpan Counted, TimeSpan Healthy,
        long CountedWhenHealthy, long ExpectedCount, long LedgerCount, long InboxCount, long Duplicates, long RelayReplayed)
    {
        public bool ExactlyOnce => LedgerCount == ExpectedCount && InboxCount == ExpectedCount;
    }

    public static async Task<Result> RunAsync(BenchmarkOptions options, int history, int warmup)
    {
        await using var product = await DistributedProduct.StartAsync();
        await product.Slice.CreateProgramAsync(Program, "ベンチマーク人材センター");
        var company = await product.Slice.RegisterCompanyAsync(Program);
        await product.Slice.LogConsultationAsync(Program, company, new DateOnly(2025, 6, 1));
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("programs", CountSql)), 1L, TimeSpan.FromSeconds(60), "warm-up");

        // 1. The live pipeline, as Pipeline measures it: from the first request to the last count.
        var direct = await product.DirectClientAsync(product.Coordinators[0]);
        var load = Pipeline.ConsultationLoad(direct, company, options.Concurrency);
        var expected = 1L;
        if (warmup > 0)
        {
            var warming = await load(warmup);
            expected += warmup;
            await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("programs", CountSql)), expected, TimeSpan.FromMinutes(10), "the warm-up counted");
            Console.WriteLine($"Warm-up: {warmup} consultations in {warming.TotalSeconds:0.00} s");
        }
        var measuredAfter = Pipeline.LastOutboxId(product);
        var accepted = await load(options.Consultations);
        expected += options.Consultations;
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("programs", CountSql)), expected, TimeSpan.FromMinutes(10), "every consultation counted");
        var live = Pipeline.LastCountedAt(product) - Pipeline.FirstLoggedAt(product, measuredAfter);
        Console.WriteLine($"Live: HTTP accepted {options.Consultations} in {accepted.TotalSeconds:0.00} s; counted in {live.TotalSeconds:0.00} s = {options.Consultations / live.TotalSeconds:0}/s");

        // 2. A history Programs has never seen: Programs is down while it is written, so nothing of it arrives live.
        await product.Programs.StopAsync();
        var inserting = Stopwatch.StartNew();
        InsertHistory(product, company, history);
        inserting.Stop();
        Console.WriteLine($"History: {history} sent ConsultationLogged rows put into coordinators' outbox in {inserting.Elapsed.TotalSeconds:0.0} s");
        await product.Programs.StartAgainAsync();
        var before = product.Scalar("programs", CountSql);
        if (before != expected)
            throw new InvalidOperationException($"Programs counted {before} consultations after its restart, not {expected}.");

        // 3. The operator's catch-up, with the settings the running Programs has (its database, the broker).
        var cpu = new CpuMeter(
        [
            ("coordinators", product.Coordinators[0].ProcessId ?? 0),
            ("programs", product.Programs.ProcessId ?? 0),
            ("companies", product.Companies.ProcessId ?? 0),
            .. CpuMeter.FindProcesses(product.Broker.Folder).Select(pid => ("rabbitmq", pid)),
            ("benchmark", Environment.ProcessId),
        ]);
        cpu.Start();
        var commandAt = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var printed = await HostCommand.RunAsync(product.Folder, ["catch-up", "--service", "programs", .. product.ServiceSettings("programs").Skip(2)]);
        Console.WriteLine($"catch-up command ({clock.Elapsed.TotalSeconds:0.0} s): {printed.Trim()}");

        var target = expected + history;
        using var http = new HttpClient { BaseAddress = product.Programs.Address, Timeout = TimeSpan.FromSeconds(10) };
        TimeSpan? countedAt = null, healthyAt = null;
        long countedWhenHealthy = 0;
        var lastPrint = TimeSpan.Zero;
        var deadline = TimeSpan.FromMinutes(Math.Max(10, history / 30_000.0));
        long count = before;
        while (countedAt is null || healthyAt is null)
        {
            if (clock.Elapsed > deadline)
                throw new TimeoutException($"Catch-up not done after {deadline.TotalMinutes:0} min: {count - before} of {history} counted, healthy: {healthyAt is not null}.\n{product.Logs()}");
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (countedAt is null)
            {
                count = product.Scalar("programs", CountSql);
                if (count >= target)
                    countedAt = clock.Elapsed;
            }
            var (status, description) = await ReadinessAsync(http);
            if (healthyAt is null && status == "Healthy")
            {
                healthyAt = clock.Elapsed;
                countedWhenHealthy = count - before;
                Console.WriteLine($"  {healthyAt.Value.TotalSeconds,6:0} s: programs Healthy, {count - before} of {history} counted");
            }
            if (clock.Elapsed - lastPrint >= TimeSpan.FromSeconds(10))
            {
                lastPrint = clock.Elapsed;
                var replayed = RelayReplayed(product);
                Console.WriteLine($"  {clock.Elapsed.TotalSeconds,6:0} s: counted {count - before,9}, coordinators' relay replayed {replayed,9}; programs {status}: {description}");
            }
        }
        cpu.Report(history, "historic event");

        // Counted once and only once, also after a while (no late duplicates).
        await Task.Delay(TimeSpan.FromSeconds(5));
        var counted = Pipeline.LastCountedAt(product) - commandAt;
        var result = new Result(
            options.Consultations, live, history, inserting.Elapsed, counted, healthyAt.Value, countedWhenHealthy, target,
            product.Scalar("programs", CountSql), product.Scalar("programs", InboxSql), product.Scalar("programs", DuplicatesSql), RelayReplayed(product));
        return result;
    }

    /// <summary>
    /// Writes <paramref name="history"/> ConsultationLogged events as Coordinators' outbox stores them once sent, in
    /// date order over fiscal year 2024 (2024-04-01 to 2025-03-31), in transactions of 50,000 rows.
    /// </summary>
    private static void InsertHistory(DistributedProduct product, Guid company, int history)
    {
        var type = typeof(ConsultationLogged);
        var messageType = $"{type.FullName}, {type.Assembly.GetName().Name}";
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var firstDay = new DateOnly(2024, 4, 1);
        var coordinators = new[] { "山田 太郎" };
        using var connection = product.OpenDatabase("coordinators");
        for (var done = 0; done < history;)
        {
            var batch = Math.Min(50_000, history - done);
            using var tx = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = tx;
            command.CommandText = """
                INSERT INTO outbox_messages (message_id, message_type, body, program, created_at, lock_owner, locked_until, sent_at, attempts)
                VALUES ($messageId, $messageType, $body, $program, $createdAt, NULL, NULL, $sentAt, 1)
                """;
            var messageId = command.Parameters.Add("$messageId", SqliteType.Text);
            command.Parameters.AddWithValue("$messageType", messageType);
            var body = command.Parameters.Add("$body", SqliteType.Text);
            command.Parameters.AddWithValue("$program", Program);
            var createdAt = command.Parameters.Add("$createdAt", SqliteType.Text);
            var sentAt = command.Parameters.Add("$sentAt", SqliteType.Text);
            command.Prepare();
            for (var i = 0; i < batch; i++)
            {
                var n = done + i;
                var date = firstDay.AddDays((int)(n * 365L / history));
                var occurredAt = new DateTimeOffset(date, new TimeOnly(0, 0), TimeSpan.Zero).AddMilliseconds(n % 86_400_000);
                var id = Guid.CreateVersion7(occurredAt);
                var logged = new ConsultationLogged(id, Program, occurredAt, Guid.CreateVersion7(occurredAt), company, date, "visit", coordinators, "012084");
                messageId.Value = id.ToString("D");
                body.Value = JsonSerializer.Serialize(logged, json);
                createdAt.Value = occurredAt.UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);
                sentAt.Value = occurredAt.AddMilliseconds(20).UtcDateTime.ToString(SqliteFormat, CultureInfo.InvariantCulture);
                command.ExecuteNonQuery();
            }
            tx.Commit();
            done += batch;
        }
    }

    /// <summary>What coordinators' relay has sent of its newest replay to Programs.</summary>
    private static long RelayReplayed(DistributedProduct product) =>
        product.Scalar("coordinators", "SELECT COALESCE((SELECT replayed FROM history_replays WHERE service = 'programs' ORDER BY requested_at DESC LIMIT 1), 0)");

    private static async Task<(string Status, string Description)> ReadinessAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("/health/ready");
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var status = document.RootElement.GetProperty("status").GetString() ?? "";
            var descriptions = document.RootElement.TryGetProperty("checks", out var checks)
                ? checks.EnumerateObject()
                    .Where(c => c.Value.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String)
                    .Select(c => $"{c.Name}: {c.Value.GetProperty("description").GetString()}")
                : [];
            return (status, string.Join("; ", descriptions));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ("unreachable", ex.Message);
        }
    }

    public static void Print(Result r)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement | events | seconds | per second |");
        Console.WriteLine("|---|---:|---:|---:|");
        Console.WriteLine($"| Live pipeline (HTTP → commit → RabbitMQ → counted) | {r.Live} | {r.LiveElapsed.TotalSeconds:0.0} | {r.Live / r.LiveElapsed.TotalSeconds:0} |");
        Console.WriteLine($"| History written into coordinators' outbox (setup) | {r.History} | {r.Insert.TotalSeconds:0.0} | {r.History / r.Insert.TotalSeconds:0} |");
        Console.WriteLine($"| Catch-up: command → every historic event counted | {r.History} | {r.Counted.TotalSeconds:0.0} | {r.History / r.Counted.TotalSeconds:0} |");
        Console.WriteLine($"| Catch-up: command → programs /health/ready Healthy | {r.History} | {r.Healthy.TotalSeconds:0.0} | {r.History / r.Healthy.TotalSeconds:0} |");
        Console.WriteLine();
        Console.WriteLine($"Programs reported Healthy with {r.CountedWhenHealthy} of {r.History} historic events counted ({(double)r.CountedWhenHealthy / r.History:P0}).");
        Console.WriteLine($"Exactly once: expected {r.ExpectedCount} {Consultation}s; ledger {r.LedgerCount}, inbox {r.InboxCount}, redeliveries dropped {r.Duplicates}; coordinators' relay replayed {r.RelayReplayed} → {(r.ExactlyOnce ? "OK" : "FAILED")}");
        Console.WriteLine($"Catch-up rate = {r.History / r.Counted.TotalSeconds / (r.Live / r.LiveElapsed.TotalSeconds):P0} of the live rate.");
    }
}
