using System.Diagnostics;
using System.Net.Http.Json;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Programs;
using Matching.Programs.Kpis;
using Matching.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Benchmarks;

/// <summary>
/// The KPI report of a program with millions of counted events: ingest through the ledger's own code (inbox,
/// ledger row, daily count, batched per transaction as the batch consumer does), then the report over HTTP.
/// </summary>
internal static class KpiReport
{
    private const string Program = "kpi-bench";
    private const int Batch = 2_000;

    /// <summary>
    /// <paramref name="ingested"/> events go through the ledger's code (the ingest rate); the rest up to
    /// <paramref name="events"/> are generated in SQL straight into the ledger, and the daily counts rebuilt from it,
    /// so the report is measured over the full volume within a session's time.
    /// </summary>
    public static async Task<(Measurement Ingest, Measurement Report, Measurement LedgerScan)> RunAsync(int events, int ingested, int reports)
    {
        await using var product = await EmbeddedProduct.StartAsync();
        await product.Slice.CreateProgramAsync(Program, "ベンチマーク人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, Program, "office");
        var database = product.Services.GetRequiredService<ServiceDatabase<ProgramsModule>>();

        // Ten fiscal years of facts, four in five consultations and one in five registered companies.
        var first = new FiscalYear(2016).FirstDay;
        var days = new FiscalYear(2025).LastDay.DayNumber - first.DayNumber + 1;
        var random = new Random(7);
        var clock = Stopwatch.StartNew();
        var batchLatencies = new List<double>();
        for (var done = 0; done < ingested; done += Batch)
        {
            var started = clock.Elapsed;
            await using var tx = await database.BeginAsync(CancellationToken.None);
            for (var i = 0; i < Math.Min(Batch, ingested - done); i++)
            {
                var eventId = Guid.NewGuid();
                if (!await tx.Inbox.TryAcceptAsync(eventId, "bench", CancellationToken.None))
                    continue;
                var kind = random.Next(5) == 0 ? CountedKinds.CompanyRegistered : CountedKinds.Consultation;
                await KpiLedger.RecordAsync(tx, kind, Guid.NewGuid(), Program, first.AddDays(random.Next(days)), DateTimeOffset.UtcNow, CancellationToken.None);
            }
            await tx.CommitAsync(CancellationToken.None);
            batchLatencies.Add((clock.Elapsed - started).TotalMilliseconds);
            if ((done / Batch) % 250 == 0)
                Console.WriteLine($"  ingested {done + Batch:N0} events, {(done + Batch) / clock.Elapsed.TotalSeconds:0}/s");
        }
        var ingest = Measurement.Of($"KPI ledger ingest through its code ({ingested:N0} events, {Batch} per transaction; latency per batch)", ingested, clock.Elapsed, batchLatencies);

        clock.Restart();
        using (var connection = product.OpenDatabase("programs"))
        {
            for (var loaded = ingested; loaded < events; loaded += 1_000_000)
            {
                using var command = connection.CreateCommand();
                command.CommandTimeout = 0;
                command.CommandText = """
                    BEGIN;
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
                    INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at)
                    SELECT CASE WHEN abs(random()) % 5 = 0 THEN 'company-registered' ELSE 'consultation' END,
                           lower(hex(randomblob(16))), $program, date($first, '+' || (abs(random()) % $days) || ' days'), $now
                      FROM n;
                    COMMIT;
                    """;
                command.Parameters.AddWithValue("$count", Math.Min(1_000_000, events - loaded));
                command.Parameters.AddWithValue("$program", Program);
                command.Parameters.AddWithValue("$first", first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$days", days);
                command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                command.ExecuteNonQuery();
                Console.WriteLine($"  generated {Math.Min(events, loaded + 1_000_000):N0} ledger rows ({clock.Elapsed.TotalSeconds:0} s)");
            }
            using var rebuild = connection.CreateCommand();
            rebuild.CommandTimeout = 0;
            rebuild.CommandText = """
                BEGIN;
                DELETE FROM kpi_daily_counts WHERE program = $program;
                INSERT INTO kpi_daily_counts (program, kind, day, count)
                SELECT program, kind, occurred_on, COUNT(*) FROM counted_events WHERE program = $program AND voided_at IS NULL
                 GROUP BY program, kind, occurred_on;
                COMMIT;
                """;
            rebuild.Parameters.AddWithValue("$program", Program);
            rebuild.ExecuteNonQuery();
        }
        var total = product.Count("programs", "counted_events");
        Console.WriteLine($"Ledger rows: {total:N0}; daily counts rebuilt in {clock.Elapsed.TotalSeconds:0} s in all.");

        var targets = Enumerable.Range(2016, 10).Select(y => (object)new { kind = "yearly", fiscalYear = y, value = 800_000 })
            .Append(new { kind = "cumulative", fromFiscalYear = 2016, toFiscalYear = 2025, value = 8_000_000 }).ToArray();
        (await office.PostAsJsonAsync($"/api/programs/{Program}/kpis", new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation", baseline = 223, targets,
        })).EnsureSuccessStatusCode();
        (await office.PostAsJsonAsync($"/api/programs/{Program}/kpis", new
        {
            code = "companies", name = "新規参加企業数", unit = "社", direction = "increase", source = "counted", countedKind = "company-registered", targets,
        })).EnsureSuccessStatusCode();

        var latencies = new List<double>();
        clock.Restart();
        for (var i = 0; i < reports; i++)
        {
            var started = clock.Elapsed;
            using var response = await office.GetAsync($"/api/programs/{Program}/kpis/progress?fiscalYear={2016 + i % 10}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        var report = Measurement.Of("KPI report over HTTP (2 KPIs × 11 lines, counts kept per day)", reports, clock.Elapsed, latencies);

        // The baseline the daily counts replace: counting the ledger rows of one fiscal year.
        var scans = new List<double>();
        clock.Restart();
        for (var i = 0; i < 10; i++)
        {
            var year = new FiscalYear(2016 + i);
            var started = clock.Elapsed;
            await database.ExecuteScalarAsync<long>("""
                SELECT COUNT(*) FROM counted_events
                 WHERE program = @program AND kind = @kind AND occurred_on >= @from AND occurred_on <= @to AND voided_at IS NULL
                """, new { program = Program, kind = CountedKinds.Consultation, from = year.FirstDay, to = year.LastDay }, CancellationToken.None);
            scans.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        var scan = Measurement.Of("baseline: COUNT(*) of one fiscal year's ledger rows (one line of one KPI)", 10, clock.Elapsed, scans);
        return (ingest, report, scan);
    }
}
