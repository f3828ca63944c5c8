using System.Diagnostics;
using Matching.Testing;

namespace Matching.Benchmarks;

/// <summary>
/// The web UI's pages per second in the distributed shape: the web UI in its own process behind the gateway, every
/// page rendered from the services' APIs (through the gateway, as deployed). Signed-in clients (a session cookie)
/// GET a coordinator's everyday pages in turn: the program's home (count and recent consultations), the company
/// list, the consultation log and the KPI page.
/// </summary>
internal static class WebPages
{
    private static readonly string[] Pages = ["/p/bench", "/p/bench/companies", "/p/bench/consultations", "/p/bench/kpis"];

    public static async Task<Measurement> RunAsync(int pages, int warmup, int concurrency)
    {
        await using var product = await DistributedProduct.StartAsync(web: true);
        await product.Slice.CreateProgramAsync("bench", "ベンチマーク人材センター");
        for (var i = 0; i < 20; i++)
        {
            var company = await product.Slice.RegisterCompanyAsync("bench", $"株式会社ベンチ工業{i:00}", $"ベンチコウギョウ{i:00}", null, "01", "012084");
            for (var c = 0; c < 3; c++)
                await product.Slice.LogConsultationAsync("bench", company, new DateOnly(2025, 6, 1 + c));
        }
        await Poll.UntilEqualAsync(() => product.Slice.ConsultationCountAsync("bench", 2025), 60L, TimeSpan.FromMinutes(1), "the sample consultations counted");

        // Each client is one signed-in browser session: its cookie goes through the gateway to the web UI and back.
        var clients = new List<HttpClient>();
        for (var i = 0; i < concurrency; i++)
            clients.Add(await TestUsers.SignInAsync(product.Gateway.Address, TestUsers.Staff));
        foreach (var page in Pages)
        {
            using var response = await clients[0].GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode || !html.Contains("<html lang=\"ja\">", StringComparison.Ordinal))
                throw new InvalidOperationException($"{page}: {(int)response.StatusCode}");
        }

        var warming = await LoadAsync(clients, warmup, []);
        Console.WriteLine($"Warm-up: {warmup} pages in {warming.TotalSeconds:0.00} s");
        var cpu = new CpuMeter(
        [
            ("web", product.Web!.ProcessId ?? 0),
            ("gateway", product.Gateway.ProcessId ?? 0),
            ("programs", product.Programs.ProcessId ?? 0),
            ("companies", product.Companies.ProcessId ?? 0),
            ("coordinators", product.Coordinators[0].ProcessId ?? 0),
            .. CpuMeter.FindProcesses(product.Broker.Folder).Select(pid => ("rabbitmq", pid)),
            ("load generator", Environment.ProcessId),
        ]);
        cpu.Start();
        var latencies = new List<double>();
        var elapsed = await LoadAsync(clients, pages, latencies);
        cpu.Report(pages, "page");
        foreach (var client in clients)
            client.Dispose();
        return Measurement.Of("Web UI pages through the gateway (home, companies, consultations, KPIs in turn)", pages, elapsed, latencies);
    }

    private static async Task<TimeSpan> LoadAsync(List<HttpClient> clients, int pages, List<double> latencies)
    {
        var next = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var mine = new List<double>();
            int n;
            while ((n = Interlocked.Increment(ref next)) <= pages)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(Pages[n % Pages.Length]);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            lock (latencies)
                latencies.AddRange(mine);
        })));
        return clock.Elapsed;
    }
}
