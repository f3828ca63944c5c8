using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Data;
using Matching.Placements;
using Matching.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Matching.Benchmarks.SqliteCommands;

namespace Matching.Benchmarks;

/// <summary>
/// Placements at a program's scale and beyond: a coordinator's due list among 10,000 placements of theirs (40,000
/// follow-ups, 160,000 in the program with three other coordinators'), and the placement KPI report over 1,000,000
/// placements, each next to a naive query of the same data in the same run.
/// </summary>
internal static class PlacementsBenchmark
{
    private const string Program = "placement-bench";

    public static async Task<IReadOnlyList<Measurement>> RunAsync(int placementsPerCoordinator, int ledgerPlacements, int reps)
    {
        await using var product = await EmbeddedProduct.StartAsync();
        await product.Slice.CreateProgramAsync(Program, "成約ベンチマーク人材センター");
        using var office = await TestUsers.MemberAsync(product.Admin, Program, "office");
        var me = (await product.Client.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("id").GetGuid();
        var coordinators = new[] { me, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid() };
        await Poll.UntilAsync(async () => (await product.Client.GetAsync($"/api/programs/{Program}/introductions?pageSize=1")).IsSuccessStatusCode,
            Slice.Eventually, "Placements to know the program");
        var clock = Stopwatch.StartNew();
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        using (var connection = product.OpenDatabase("placements"))
            Generate(connection, coordinators, placementsPerCoordinator, today);
        Console.WriteLine($"Placements: {product.Count("placements", "placements"):N0} placements, {product.Count("placements", "follow_ups"):N0} follow-ups generated in {clock.Elapsed.TotalSeconds:0} s.");

        var results = new List<Measurement>();
        var latencies = new List<double>();
        clock.Restart();
        var dueItems = 0;
        for (var i = 0; i < reps; i++)
        {
            var started = clock.Elapsed;
            using var response = await product.Client.GetAsync($"/api/programs/{Program}/follow-ups/due");
            response.EnsureSuccessStatusCode();
            var due = await response.Content.ReadFromJsonAsync<JsonElement>();
            dueItems = due.GetProperty("overdue").GetArrayLength() + due.GetProperty("thisWeek").GetArrayLength();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        results.Add(Measurement.Of($"due list over HTTP (one coordinator of 4, {placementsPerCoordinator:N0} placements each; {dueItems} items due)", reps, clock.Elapsed, latencies));

        // Naive: every due follow-up of the program with its placement, company and need, filtered in code.
        var database = product.Services.GetRequiredService<ServiceDatabase<PlacementsModule>>();
        latencies = [];
        clock.Restart();
        for (var i = 0; i < Math.Max(5, reps / 10); i++)
        {
            var started = clock.Elapsed;
            var rows = await database.QueryAsync<NaiveRow>("""
                SELECT f.id AS Id, f.due_on AS DueOn, f.coordinator_user_id AS CoordinatorUserId, c.name AS CompanyName, n.role AS Role
                  FROM follow_ups f JOIN placements p ON p.id = f.placement_id
                  LEFT JOIN companies c ON c.id = p.company_id LEFT JOIN needs n ON n.id = p.need_id
                 WHERE f.program = @program AND f.status = 'due'
                """, new { program = Program }, CancellationToken.None);
            var through = today.AddDays(7);
            _ = rows.Where(r => r.CoordinatorUserId == me && r.DueOn <= through).OrderBy(r => r.DueOn).ToList();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        results.Add(Measurement.Of("naive due list: the program's due follow-ups read whole, filtered in code", latencies.Count, clock.Elapsed, latencies));

        // The placement KPI report over 1,000,000 placements in Programs' ledger (a third from outside the prefecture).
        clock.Restart();
        var first = new Contracts.FiscalYear(2016).FirstDay;
        var days = new Contracts.FiscalYear(2025).LastDay.DayNumber - first.DayNumber + 1;
        using (var connection = product.OpenDatabase("programs"))
            GenerateLedger(connection, ledgerPlacements, first, days);
        Console.WriteLine($"Ledger: {product.Count("programs", "counted_events WHERE kind LIKE 'placement%'"):N0} placement rows in {clock.Elapsed.TotalSeconds:0} s.");
        var targets = Enumerable.Range(2016, 10).Select(y => (object)new { kind = "yearly", fiscalYear = y, value = 100_000 })
            .Append(new { kind = "cumulative", fromFiscalYear = 2016, toFiscalYear = 2025, value = 1_000_000 }).ToArray();
        foreach (var (code, kind) in new[] { ("placements", "placement"), ("from-outside", "placement-from-outside-prefecture") })
            (await office.PostAsJsonAsync($"/api/programs/{Program}/kpis", new
            {
                code, name = code == "placements" ? "成約件数" : "道外からの就職者数", unit = "人", direction = "increase", source = "counted", countedKind = kind, targets,
            })).EnsureSuccessStatusCode();
        latencies = [];
        clock.Restart();
        for (var i = 0; i < reps; i++)
        {
            var started = clock.Elapsed;
            using var response = await office.GetAsync($"/api/programs/{Program}/kpis/progress?fiscalYear={2016 + i % 10}");
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        results.Add(Measurement.Of($"placement KPI report over HTTP ({ledgerPlacements:N0} placements; 2 KPIs × 11 lines, counts kept per day)", reps, clock.Elapsed, latencies));

        var programs = product.Services.GetRequiredService<ServiceDatabase<Matching.Programs.ProgramsModule>>();
        latencies = [];
        clock.Restart();
        for (var i = 0; i < 10; i++)
        {
            var year = new Contracts.FiscalYear(2016 + i);
            var started = clock.Elapsed;
            foreach (var kind in new[] { "placement", "placement-from-outside-prefecture" })
                await programs.ExecuteScalarAsync<long>("""
                    SELECT COUNT(*) FROM counted_events
                     WHERE program = @program AND kind = @kind AND occurred_on >= @from AND occurred_on <= @to AND voided_at IS NULL
                    """, new { program = Program, kind, from = year.FirstDay, to = year.LastDay }, CancellationToken.None);
            latencies.Add((clock.Elapsed - started).TotalMilliseconds);
        }
        results.Add(Measurement.Of("naive KPI: COUNT(*) of one fiscal year's ledger rows, both KPIs (one line each)", 10, clock.Elapsed, latencies));
        return results;
    }

    private sealed class NaiveRow
    {
        public Guid Id { get; init; }
        public DateOnly DueOn { get; init; }
        public Guid? CoordinatorUserId { get; init; }
        public string? CompanyName { get; init; }
        public string? Role { get; init; }
    }

    private static void Generate(SqliteConnection connection, Guid[] coordinators, int perCoordinator, DateOnly today)
    {
        using var tx = connection.BeginTransaction();
        var companies = new List<Guid>();
        for (var i = 0; i < 1_000; i++)
        {
            var id = Guid.NewGuid();
            companies.Add(id);
            Exec(connection, tx, "INSERT INTO companies (id, program, name, prefecture_code, municipality_code, industry, version) VALUES ($id, $p, $name, '01', '012084', 'E', 1)",
                ("$id", id.ToString()), ("$p", Program), ("$name", $"株式会社ベンチ{i:0000}"));
        }
        using var placement = connection.CreateCommand();
        placement.Transaction = tx;
        placement.CommandText = """
            INSERT INTO placements (id, program, introduction_id, need_id, company_id, candidate_id, offer_accepted_on, start_on, counted_on, fiscal_year,
                                    counting_rule, employment_form, from_outside, residence_prefecture, status, retention_open, made_at, version,
                                    coordinator_user_id)
            VALUES ($id, $p, $intro, $need, $company, $candidate, $on, $on, $on, 2025, 'offerAccepted', 'fullTime', 1, '13', 'active', 1, $at, 1, $coordinator)
            """;
        using var need = connection.CreateCommand();
        need.Transaction = tx;
        need.CommandText = "INSERT INTO needs (id, program, company_id, role, employment_form, status, openings, version, placement_sequence) VALUES ($id, $p, $company, '生産技術', 'fullTime', 'filled', 1, 1, 1)";
        using var followUp = connection.CreateCommand();
        followUp.Transaction = tx;
        followUp.CommandText = "INSERT INTO follow_ups (id, program, placement_id, month, due_on, coordinator_user_id, status) VALUES ($id, $p, $placement, $month, $due, $coordinator, $status)";
        var random = new Random(11);
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        foreach (var coordinator in coordinators)
        {
            for (var i = 0; i < perCoordinator; i++)
            {
                // Starts spread over the last two years and the next two months: past follow-ups done but one in a hundred.
                var start = today.AddDays(-random.Next(-60, 730));
                var (placementId, needId, company) = (Guid.NewGuid(), Guid.NewGuid(), companies[random.Next(companies.Count)]);
                Bind(need, ("$id", needId.ToString()), ("$p", Program), ("$company", company.ToString()));
                need.ExecuteNonQuery();
                Bind(placement, ("$id", placementId.ToString()), ("$p", Program), ("$intro", Guid.NewGuid().ToString()), ("$need", needId.ToString()),
                    ("$company", company.ToString()), ("$candidate", Guid.NewGuid().ToString()), ("$on", start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                    ("$at", at), ("$coordinator", coordinator.ToString()));
                placement.ExecuteNonQuery();
                foreach (var month in new[] { 1, 3, 6, 12 })
                {
                    var due = start.AddMonths(month);
                    var status = due < today.AddDays(-14) && random.Next(100) > 0 ? "done" : "due";
                    Bind(followUp, ("$id", Guid.NewGuid().ToString()), ("$p", Program), ("$placement", placementId.ToString()), ("$month", month),
                        ("$due", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("$coordinator", coordinator.ToString()), ("$status", status));
                    followUp.ExecuteNonQuery();
                }
            }
        }
        tx.Commit();
    }

    private static void GenerateLedger(SqliteConnection connection, int count, DateOnly first, int days)
    {
        using var command = connection.CreateCommand();
        command.CommandTimeout = 0;
        command.CommandText = """
            BEGIN;
            CREATE TEMP TABLE generated AS
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $count)
            SELECT lower(hex(randomblob(16))) AS source_id, date($first, '+' || (abs(random()) % $days) || ' days') AS occurred_on,
                   abs(random()) % 3 = 0 AS outside FROM n;
            INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at, employment_form, turn)
            SELECT 'placement', source_id, $program, occurred_on, $now, 'fullTime', CASE WHEN outside THEN 'u' ELSE 'local' END FROM generated;
            INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at, employment_form, turn)
            SELECT 'placement-from-outside-prefecture', source_id, $program, occurred_on, $now, 'fullTime', 'u' FROM generated WHERE outside;
            DROP TABLE generated;
            DELETE FROM kpi_daily_counts WHERE program = $program;
            INSERT INTO kpi_daily_counts (program, kind, day, count)
            SELECT program, kind, occurred_on, COUNT(*) FROM counted_events WHERE program = $program AND voided_at IS NULL GROUP BY program, kind, occurred_on;
            COMMIT;
            """;
        command.Parameters.AddWithValue("$count", count);
        command.Parameters.AddWithValue("$program", Program);
        command.Parameters.AddWithValue("$first", first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$days", days);
        command.Parameters.AddWithValue("$now", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.ExecuteNonQuery();
    }
}
