using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Platform.Webhooks;
using Matching.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Benchmarks;

/// <summary>
/// Webhook fan-out to 100 recruiting firms' receivers (85 healthy, 10 slow at 300 ms, 5 always 503): first a plain
/// HttpClient POST loop with a fixed number of senders (the baseline), then the product path: deliveries committed in
/// SQLite transactions by <see cref="WebhookDeliveries.EnqueueAsync"/> while one <see cref="WebhookDispatcher"/> sends
/// them. Latency of the product path is commit → received at the receiver; of the baseline, send → answered.
/// </summary>
internal static class WebhookFanOut
{
    private const string Program = "bench";
    private const int Firms = 100;
    private const int SlowFirms = 10;
    private const int FailingFirms = 5;
    private static readonly TimeSpan SlowDelay = TimeSpan.FromMilliseconds(300);

    // Firms 000-009 are slow, 010-014 failing, the rest healthy.
    private static Kind KindOf(int firm) => firm < SlowFirms ? Kind.Slow : firm < SlowFirms + FailingFirms ? Kind.Failing : Kind.Healthy;

    internal enum Kind
    {
        Healthy,
        Slow,
        Failing,
    }

    internal sealed record Result(
        int Deliveries, int Referrals, int PerReferral, int Senders, int BatchSize, int CommitRate,
        Measurement Baseline, Measurement Product, Measurement SlowProduct, TimeSpan CommitElapsed,
        long Delivered, long Failed, long Pending, long FailingRowsFailed, long FailingRows, int FailingAttemptsMax,
        int HealthyExpected, int HealthyReceived, int HealthyRepeats, int SlowExpected, int SlowReceived, int OrderViolations,
        TimeSpan LastHealthy, TimeSpan Settled);

    public static async Task<Result> RunAsync(int referrals, int perReferral, int senders, int batchSize, int transaction, int commitRate)
    {
        var deliveries = referrals * perReferral;
        var padding = new string('x', 900);

        var startReceivers = Stopwatch.StartNew();
        var receivers = await Task.WhenAll(Enumerable.Range(0, Firms).Select(f => Receiver.StartAsync(KindOf(f))));
        Console.WriteLine($"{Firms} receivers started in {startReceivers.Elapsed.TotalSeconds:0.0} s ({SlowFirms} slow at {SlowDelay.TotalMilliseconds:0} ms, {FailingFirms} answering 503)");
        try
        {
            // Referral r belongs to firm r % 100; its deliveries follow each other in commit order.
            var plan = new List<(int Firm, string Key, int Sequence)>(deliveries);
            for (var r = 0; r < referrals; r++)
                for (var s = 1; s <= perReferral; s++)
                    plan.Add((r % Firms, $"ref-{r:D6}", s));

            var baseline = await BaselineAsync(receivers, plan, senders, padding);
            foreach (var receiver in receivers)
                receiver.Reset();

            return await ProductAsync(receivers, plan, referrals, perReferral, senders, batchSize, transaction, commitRate, padding, baseline);
        }
        finally
        {
            await Task.WhenAll(receivers.Select(r => r.DisposeAsync().AsTask()));
        }
    }

    private static async Task<Measurement> BaselineAsync(Receiver[] receivers, List<(int Firm, string Key, int Sequence)> plan, int senders, string padding)
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { Timeout = TimeSpan.FromSeconds(5) };
        // Warm the connections a little, as the dispatcher's first batches do.
        await Task.WhenAll(receivers.Select(r => PostAsync(http, r.Url, "warm", "{}")));
        foreach (var receiver in receivers)
            receiver.Reset();

        var next = -1;
        var latencies = new ConcurrentBag<double>();
        long lastHealthy = 0;
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, senders).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < plan.Count)
            {
                var (firm, key, sequence) = plan[i];
                var body = $$$"""{"type":"referral.sent","timestamp":"{{{DateTimeOffset.UtcNow:O}}}","data":{"firm":"firm-{{{firm:D3}}}","key":"{{{key}}}","sequence":{{{sequence}}},"note":"{{{padding}}}"}}""";
                var sent = Stopwatch.GetTimestamp();
                await PostAsync(http, receivers[firm].Url, $"base_{i:D6}", body);
                var answered = Stopwatch.GetTimestamp();
                if (KindOf(firm) == Kind.Healthy)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(sent, answered).TotalMilliseconds);
                    InterlockedMax(ref lastHealthy, answered);
                }
            }
        }));
        var all = Stopwatch.GetElapsedTime(start);
        var healthy = latencies.Count;
        Console.WriteLine($"Baseline: {plan.Count} POSTs with {senders} senders in {all.TotalSeconds:0.00} s = {plan.Count / all.TotalSeconds:0}/s over all receivers");
        return Measurement.Of($"Baseline: HttpClient POST loop, {senders} senders (healthy receivers)", healthy, Stopwatch.GetElapsedTime(start, lastHealthy), [.. latencies]);
    }

    private static async Task PostAsync(HttpClient http, string url, string id, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.IdHeader, id);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            // A failed POST of the baseline counts like an answer: the loop does not retry.
        }
    }

    private static async Task<Result> ProductAsync(
        Receiver[] receivers, List<(int Firm, string Key, int Sequence)> plan, int referrals, int perReferral, int senders,
        int batchSize, int transaction, int commitRate, string padding, Measurement baseline)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Matching:Webhooks:BatchSize"] = batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Matching:Webhooks:PollInterval"] = "00:00:00.050",
            ["Matching:Webhooks:RetryDelay"] = "00:00:01",
            ["Matching:Webhooks:MaxRetryDelay"] = "00:00:05",
            ["Matching:Webhooks:RequestTimeout"] = "00:00:05",
            ["Matching:Webhooks:Lease"] = "00:00:30",
            ["Matching:Webhooks:MaxAttempts"] = "5",
        };
        using var folder = new TempFolder("matching-webhooks");
        var database = new ServiceDatabase(
            "bench", SqlDialect.Sqlite, $"Data Source={Path.Combine(folder.Path, "webhooks.db")};Pooling=True;Default Timeout=30", new OutboxSignal());
        await Migrator.ApplyAsync(database, "platform", typeof(SqlDialect).Assembly, CancellationToken.None);

        await using var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Error))
            .AddMatchingWebhooks(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .AddWebhookDispatcher(database)
            .BuildServiceProvider();
        var options = services.GetRequiredService<WebhookOptions>();
        var dispatcher = services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();

        await using (var tx = await database.BeginAsync(CancellationToken.None))
        {
            for (var f = 0; f < Firms; f++)
                _ = await WebhookSubscriptions.CreateAsync(tx, Program, $"firm-{f:D3}", receivers[f].Url, options, DateTimeOffset.UtcNow, CancellationToken.None)
                    ?? throw new InvalidOperationException($"firm-{f:D3} is subscribed already.");
            await tx.CommitAsync(CancellationToken.None);
        }

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            // Committed deliveries: id → (plan index, commit timestamp). The commit time is taken once CommitAsync returns.
            var committed = new Dictionary<string, (int Index, long At)>(plan.Count);
            var start = Stopwatch.GetTimestamp();
            for (var done = 0; done < plan.Count;)
            {
                // Paced (commitRate deliveries/s, 0 = as fast as SQLite commits): the latency then shows the dispatcher, not a backlog.
                if (commitRate > 0 && TimeSpan.FromSeconds((double)done / commitRate) - Stopwatch.GetElapsedTime(start) is { TotalMilliseconds: > 0 } ahead)
                    await Task.Delay(ahead);
                var count = Math.Min(transaction, plan.Count - done);
                var ids = new List<(string Id, int Index)>(count);
                await using (var tx = await database.BeginAsync(CancellationToken.None))
                {
                    for (var i = done; i < done + count; i++)
                    {
                        var (firm, key, sequence) = plan[i];
                        var id = await WebhookDeliveries.EnqueueAsync(
                            tx, Program, $"firm-{firm:D3}", "referral.sent", key,
                            new { firm = $"firm-{firm:D3}", key, sequence, note = padding }, DateTimeOffset.UtcNow, CancellationToken.None);
                        ids.Add((id ?? throw new InvalidOperationException($"firm-{firm:D3} has no subscription."), i));
                    }
                    await tx.CommitAsync(CancellationToken.None);
                }
                var at = Stopwatch.GetTimestamp();
                foreach (var (id, index) in ids)
                    committed[id] = (index, at);
                done += count;
            }
            var commitElapsed = Stopwatch.GetElapsedTime(start);
            Console.WriteLine($"Committed {plan.Count} deliveries ({referrals} referrals × {perReferral}) in transactions of {transaction} in {commitElapsed.TotalSeconds:0.00} s = {plan.Count / commitElapsed.TotalSeconds:0}/s");

            var healthyExpected = plan.Count(p => KindOf(p.Firm) == Kind.Healthy);
            var slowExpected = plan.Count(p => KindOf(p.Firm) == Kind.Slow);
            var deadline = Stopwatch.StartNew();
            var limit = TimeSpan.FromSeconds(120 + plan.Count / 50.0);
            var lastPrint = TimeSpan.Zero;
            (long Delivered, long Failed, long Pending) counts;
            while (true)
            {
                counts = await CountsAsync(database);
                if (counts.Pending == 0)
                    break;
                if (deadline.Elapsed > limit)
                    throw new TimeoutException($"Webhook deliveries not done after {limit.TotalSeconds:0} s: {counts}.");
                if (deadline.Elapsed - lastPrint >= TimeSpan.FromSeconds(5))
                {
                    lastPrint = deadline.Elapsed;
                    var healthyNow = receivers.Where(r => r.Kind == Kind.Healthy).Sum(r => r.Distinct);
                    Console.WriteLine($"  {Stopwatch.GetElapsedTime(start).TotalSeconds,6:0.0} s: delivered {counts.Delivered}, failed {counts.Failed}, pending {counts.Pending}; healthy receivers got {healthyNow}/{healthyExpected}");
                }
                await Task.Delay(200);
            }
            var settled = Stopwatch.GetElapsedTime(start);
            // Late repeats (an expired lease) would show up here.
            await Task.Delay(1000);

            var healthyLatencies = new List<double>();
            var slowLatencies = new List<double>();
            long lastHealthy = start;
            var healthyReceived = 0;
            var slowReceived = 0;
            var repeats = 0;
            var violations = 0;
            foreach (var receiver in receivers.Where(r => r.Kind != Kind.Failing))
            {
                var lastSequence = new Dictionary<string, int>();
                foreach (var (id, at) in receiver.Arrivals.OrderBy(a => a.At))
                {
                    if (!committed.TryGetValue(id, out var c))
                        continue;
                    var (_, key, sequence) = plan[c.Index];
                    if (lastSequence.TryGetValue(key, out var before) && before >= sequence)
                        violations++;
                    lastSequence[key] = sequence;
                    var latency = Stopwatch.GetElapsedTime(c.At, at).TotalMilliseconds;
                    if (receiver.Kind == Kind.Healthy)
                    {
                        healthyLatencies.Add(latency);
                        lastHealthy = Math.Max(lastHealthy, at);
                    }
                    else
                    {
                        slowLatencies.Add(latency);
                    }
                }
                if (receiver.Kind == Kind.Healthy)
                {
                    healthyReceived += receiver.Distinct;
                    repeats += receiver.Repeats;
                }
                else
                {
                    slowReceived += receiver.Distinct;
                }
            }
            var failing = await database.QueryAsync<(long Rows, long Failed, long MaxAttempts)>(
                """
                SELECT COUNT(*), COALESCE(SUM(CASE WHEN d.status = 'Failed' THEN 1 ELSE 0 END), 0), COALESCE(MAX(d.attempts), 0)
                  FROM webhook_deliveries AS d JOIN webhook_subscriptions AS s ON s.subscription_id = d.subscription_id
                 WHERE s.owner_key IN @owners
                """,
                new { owners = Enumerable.Range(SlowFirms, FailingFirms).Select(f => $"firm-{f:D3}").ToArray() },
                CancellationToken.None);
            var product = Measurement.Of($"Product: commit → received, dispatcher BatchSize {batchSize} (healthy receivers)", healthyLatencies.Count, Stopwatch.GetElapsedTime(start, lastHealthy), healthyLatencies);
            var slow = Measurement.Of("Product: commit → received (slow receivers, 300 ms)", slowLatencies.Count, Stopwatch.GetElapsedTime(start), slowLatencies);
            return new Result(
                plan.Count, referrals, perReferral, senders, batchSize, commitRate, baseline, product, slow, commitElapsed,
                counts.Delivered, counts.Failed, counts.Pending, failing[0].Failed, failing[0].Rows, (int)failing[0].MaxAttempts,
                healthyExpected, healthyReceived, repeats, slowExpected, slowReceived, violations,
                Stopwatch.GetElapsedTime(start, lastHealthy), settled);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<(long Delivered, long Failed, long Pending)> CountsAsync(ServiceDatabase database)
    {
        var rows = await database.QueryAsync<(string Status, long Count)>(
            "SELECT status, COUNT(*) FROM webhook_deliveries GROUP BY status", null, CancellationToken.None);
        long Of(string status) => rows.Where(r => r.Status == status).Sum(r => r.Count);
        return (Of("Delivered"), Of("Failed"), Of("Pending"));
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current && Interlocked.CompareExchange(ref target, value, current) is var seen && seen != current)
            current = seen;
    }

    public static void Print(Result r)
    {
        Console.WriteLine();
        Console.WriteLine($"Deliveries: {r.Deliveries} ({r.Referrals} referrals × {r.PerReferral}, ordering key = referral) to {Firms} firms: {Firms - SlowFirms - FailingFirms} healthy, {SlowFirms} slow (300 ms), {FailingFirms} failing (503)");
        Console.WriteLine();
        Console.WriteLine("| measurement | healthy deliveries | per second | p50 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Console.WriteLine($"| Baseline: HttpClient POST loop, {r.Senders} senders (send → answered) | {r.HealthyExpected} | {r.Baseline.PerSecond:0} | {r.Baseline.P50:0.0} | {r.Baseline.P99:0.0} |");
        Console.WriteLine($"| Product: EnqueueAsync + WebhookDispatcher, BatchSize {r.BatchSize} (commit → received) | {r.HealthyReceived} | {r.Product.PerSecond:0} | {r.Product.P50:0.0} | {r.Product.P99:0.0} |");
        Console.WriteLine($"| Product, slow receivers (commit → received) | {r.SlowReceived} | – | {r.SlowProduct.P50:0.0} | {r.SlowProduct.P99:0.0} |");
        Console.WriteLine();
        var ratio = r.Product.PerSecond / r.Baseline.PerSecond;
        var rateVerdict = r.CommitRate > 0 ? $"not a capacity figure: commits were paced at {r.CommitRate}/s" : ratio >= 0.5 ? "OK" : "MISSED";
        Console.WriteLine($"Product/baseline rate: {ratio:P0} (target ≥ 50%) → {rateVerdict}; healthy p99 {r.Product.P99:0} ms (target < 1000 ms) → {(r.Product.P99 < 1000 ? "OK" : "MISSED")}");
        Console.WriteLine($"Commits ({(r.CommitRate > 0 ? $"paced at {r.CommitRate}/s" : "as fast as they go")}): {r.Deliveries} in {r.CommitElapsed.TotalSeconds:0.00} s; last healthy delivery received {r.LastHealthy.TotalSeconds:0.00} s after the first commit; no row pending after {r.Settled.TotalSeconds:0.0} s");
        Console.WriteLine($"Rows: delivered {r.Delivered}, failed {r.Failed}, pending {r.Pending}; failing firms' rows: {r.FailingRowsFailed}/{r.FailingRows} Failed, at most {r.FailingAttemptsMax} attempts");
        Console.WriteLine($"Healthy receivers: {r.HealthyReceived}/{r.HealthyExpected} ids received, {r.HealthyRepeats} repeats; slow receivers: {r.SlowReceived}/{r.SlowExpected}; order violations per key: {r.OrderViolations}");
    }

    public static bool Passed(Result r) =>
        r.Pending == 0 && r.HealthyReceived == r.HealthyExpected && r.SlowReceived == r.SlowExpected && r.HealthyRepeats == 0
        && r.OrderViolations == 0 && r.FailingRowsFailed == r.FailingRows;

    /// <summary>A minimal subscriber: records when each delivery id arrived; slow ones answer after 300 ms, failing ones 503.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly ConcurrentDictionary<string, byte> seen = new();
        private WebApplication? app;
        private int repeats;

        private Receiver(Kind kind) => Kind = kind;

        public Kind Kind { get; }

        public string Url { get; private set; } = "";

        public ConcurrentQueue<(string Id, long At)> Arrivals { get; private set; } = new();

        public int Distinct => seen.Count;

        public int Repeats => repeats;

        public void Reset()
        {
            seen.Clear();
            Arrivals = new ConcurrentQueue<(string Id, long At)>();
            repeats = 0;
        }

        public static async Task<Receiver> StartAsync(Kind kind)
        {
            var receiver = new Receiver(kind);
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            var web = builder.Build();
            web.MapPost("/hooks", async (HttpRequest request) =>
            {
                var at = Stopwatch.GetTimestamp();
                await request.Body.CopyToAsync(Stream.Null);
                if (receiver.Kind == Kind.Failing)
                    return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
                var id = request.Headers[WebhookSignature.IdHeader].ToString();
                if (receiver.seen.TryAdd(id, 0))
                    receiver.Arrivals.Enqueue((id, at));
                else
                    Interlocked.Increment(ref receiver.repeats);
                if (receiver.Kind == Kind.Slow)
                    await Task.Delay(SlowDelay);
                return Results.Ok();
            });
            await web.StartAsync();
            var port = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
            receiver.Url = $"http://127.0.0.1:{port}/hooks";
            receiver.app = web;
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            if (app is not null)
                await app.DisposeAsync();
        }
    }
}
