namespace Matching.Benchmarks;

internal sealed record BenchmarkOptions(int Messages, int SqliteCommits, int Consultations, int Concurrency, bool Stages, int Events, int Ingest, int Reports, int Warmup)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var i = Array.IndexOf(args, $"--{name}");
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
        }
        return new BenchmarkOptions(Get("messages", 20_000), Get("commits", 3_000), Get("consultations", 5_000), Get("concurrency", 32), args.Contains("--stages"),
            Get("events", 10_000_000), Get("ingest", 200_000), Get("reports", 200), Get("warmup", 40_000));
    }
}

internal sealed record Measurement(string Name, double PerSecond, double P50, double P99, double P95 = double.NaN)
{
    public static Measurement Of(string name, int count, TimeSpan elapsed, List<double> latenciesMs)
    {
        latenciesMs.Sort();
        double At(double q) => latenciesMs.Count == 0 ? double.NaN : latenciesMs[Math.Min(latenciesMs.Count - 1, (int)(q * latenciesMs.Count))];
        var m = new Measurement(name, count / elapsed.TotalSeconds, At(0.50), At(0.99), At(0.95));
        Console.WriteLine($"{name}: {count} in {elapsed.TotalSeconds:0.00} s = {m.PerSecond:0}/s, p50 {m.P50:0.0} ms, p95 {m.P95:0.0} ms, p99 {m.P99:0.0} ms");
        return m;
    }

    /// <summary>The measurements as the Markdown table the README shows.</summary>
    public static void PrintTable(IEnumerable<Measurement> measurements)
    {
        Console.WriteLine();
        Console.WriteLine("| measurement | per second | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in measurements)
            Console.WriteLine($"| {r.Name} | {r.PerSecond:0} | {r.P50:0.0} | {r.P95:0.0} | {r.P99:0.0} |");
    }
}
