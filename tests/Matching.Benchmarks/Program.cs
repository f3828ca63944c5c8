using Matching.Benchmarks;

// Load runs of the whole pipeline and of the parts it stands on, in one run on this machine.
// dotnet run -c Release --project tests/Matching.Benchmarks [-- --consultations 5000 --concurrency 32]
var options = BenchmarkOptions.Parse(args);
Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1 << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}");

if (args.Contains("--kpi-report"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --kpi-report [--events 10000000] [--ingest 200000] [--reports 200]
    var (ingest, report, scan) = await KpiReport.RunAsync(options.Events, options.Ingest, options.Reports);
    Measurement.PrintTable(new[] { ingest, report, scan });
    return;
}

if (args.Contains("--candidates"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --candidates [--profiles 1000000] [--rankings 200] [--registrations 200]
    int Value(string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    var results = await CandidatesBenchmark.RunAsync(Value("profiles", 1_000_000), Value("rankings", 200), Value("registrations", 200));
    Measurement.PrintTable(results);
    return;
}

if (args.Contains("--placements"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --placements [--per-coordinator 10000] [--ledger 1000000] [--reps 200]
    int Value(string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    var results = await PlacementsBenchmark.RunAsync(Value("per-coordinator", 10_000), Value("ledger", 1_000_000), Value("reps", 200));
    Measurement.PrintTable(results);
    return;
}

if (args.Contains("--webhooks"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --webhooks [--referrals 5000] [--per-referral 2] [--concurrency 32] [--transaction 100] [--commit-rate 0 = unpaced]
    int Get(string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    // The dispatcher sends a leased batch at once, so its concurrency is BatchSize: the baseline gets as many senders.
    var result = await WebhookFanOut.RunAsync(Get("referrals", 5_000), Get("per-referral", 2), options.Concurrency, options.Concurrency, Get("transaction", 100), Get("commit-rate", 0));
    WebhookFanOut.Print(result);
    if (!WebhookFanOut.Passed(result))
        Environment.ExitCode = 1;
    return;
}

if (args.Contains("--web-pages"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --web-pages [--pages 20000] [--warmup 5000] [--concurrency 16]
    int Get(string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    var result = await WebPages.RunAsync(Get("pages", 20_000), Get("warmup", 5_000), Get("concurrency", 16));
    Measurement.PrintTable([result]);
    return;
}

if (args.Contains("--catch-up"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --catch-up [--history 1000000] [--consultations 20000] [--warmup 2000]
    var history = Array.IndexOf(args, "--history") is var h and >= 0 && h + 1 < args.Length ? int.Parse(args[h + 1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
    var result = await CatchUpBenchmark.RunAsync(options, history, args.Contains("--warmup") ? options.Warmup : 2_000);
    CatchUpBenchmark.Print(result);
    if (!result.ExactlyOnce)
        Environment.ExitCode = 1;
    return;
}

if (args.Contains("--company-search"))
{
    // dotnet run -c Release --project tests/Matching.Benchmarks -- --company-search [--companies 1000000] [--log 1000] [--import 100000] [--searches 200]
    int Get(string name, int fallback) =>
        Array.IndexOf(args, $"--{name}") is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    var measured = await CompanySearch.RunAsync(Get("companies", 1_000_000), Get("log", 1_000), Get("import", 100_000), Get("searches", 200));
    Measurement.PrintTable(measured);
    return;
}

var rabbit = await RawLimits.RabbitMqConfirmedRoundTripAsync(options);
var sqlite = await RawLimits.SqliteCommitsAsync(options);
var pipeline = await Pipeline.ConsultationsEndToEndAsync(options);

var lowerRaw = Math.Min(rabbit.PerSecond, sqlite.PerSecond);
Console.WriteLine();
Console.WriteLine("| measurement | per second | p50 ms | p99 ms |");
Console.WriteLine("|---|---:|---:|---:|");
foreach (var r in new[] { rabbit, sqlite, pipeline })
    Console.WriteLine($"| {r.Name} | {r.PerSecond:0} | {r.P50:0.0} | {r.P99:0.0} |");
Console.WriteLine();
Console.WriteLine($"Lower raw limit: {lowerRaw:0}/s. End to end: {pipeline.PerSecond:0}/s = {pipeline.PerSecond / lowerRaw:P0} of it (target: at least 50%).");
