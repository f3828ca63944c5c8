using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Auth;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.SystemTests;

/// <summary>
/// 追いつき: a service that joins late, or whose database was restored from a backup, catches up on the event history of
/// the services it listens to; live events during the catch-up are neither lost nor applied out of order.
/// </summary>
public sealed class CatchUpTests
{
    private const string Hokkaido = "hokkaido";

    /// <summary>A quick re-ask, so a publisher that was not running when a service first asked answers soon after it starts.</summary>
    private static readonly string[] QuickCatchUp = ["--Matching:History:AskAgainAfter", "00:00:02"];

    private static MatchingUser Coordinator(string program) =>
        new(Guid.NewGuid(), "tester", "テスト 担当", false, [new Membership(program, ProgramRole.Coordinator, CoordinatorLevel.Main)]);

    [Fact]
    public async Task Programs_started_after_five_hundred_consultations_counts_every_one_once_and_the_live_ones_beside()
    {
        await using var product = await DistributedProduct.PrepareAsync();
        var companiesProcess = await product.StartServiceAsync("companies", null, QuickCatchUp);
        var coordinatorsProcess = await product.StartServiceAsync("coordinators", null, QuickCatchUp);
        // Candidates and Placements publish events Programs counts too: their (empty) histories are part of Programs' catch-up.
        await product.StartServiceAsync("candidates", null, QuickCatchUp);
        await product.StartServiceAsync("placements", null, QuickCatchUp);
        // The program as Companies and Coordinators would know it from Programs (which has not run yet): the setup of a
        // first deployment, not what is under test.
        foreach (var service in new[] { "companies", "coordinators" })
        {
            using var db = product.OpenDatabase(service);
            using var insert = db.CreateCommand();
            insert.CommandText = $"INSERT INTO programs (slug, name, created_at) VALUES ('{Hokkaido}', '北海道プロフェッショナル人材センター', '2026-04-01T00:00:00.0000000Z')";
            insert.ExecuteNonQuery();
        }
        using var companiesClient = product.DirectClient(companiesProcess, Coordinator(Hokkaido));
        using var coordinatorsClient = product.DirectClient(coordinatorsProcess, Coordinator(Hokkaido));
        var companies = new Slice(companiesClient, companiesClient);
        var consultations = new Slice(coordinatorsClient, coordinatorsClient);

        var companyIds = new List<Guid>();
        for (var i = 0; i < 50; i++)
            companyIds.Add(await companies.RegisterCompanyAsync(Hokkaido, $"株式会社北見{i:00}製作所", "キタミセイサクショ"));
        var logged = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 500), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            logged.Add(await consultations.LogConsultationAsync(Hokkaido, companyIds[i % 50], new DateOnly(2025, 4, 1).AddDays(i % 300))));
        Assert.Equal(500, logged.Distinct().Count());
        Assert.Equal(0, await QueueCountAsync(product, "programs-consultation-logged"));

        // Programs starts for the first time, while coordinators keep logging and voiding.
        var startingPrograms = product.StartServiceAsync("programs", null, QuickCatchUp);
        using var stop = new CancellationTokenSource();
        var live = new ConcurrentBag<Guid>();
        var voided = new ConcurrentBag<Guid>();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested && i < 100; i++)
            {
                var id = await consultations.LogConsultationAsync(Hokkaido, companyIds[i % 50], new DateOnly(2025, 10, 1));
                live.Add(id);
                if (i % 5 == 0)
                {
                    var voidOne = i % 10 == 0 ? id : logged.ElementAt(i);
                    (await coordinatorsClient.PostAsJsonAsync($"/api/programs/{Hokkaido}/consultations/{voidOne}/void", new { reason = "重複入力", version = 1 }))
                        .EnsureSuccessStatusCode();
                    voided.Add(voidOne);
                }
            }
        });
        var programs = await startingPrograms;
        await writer;

        // Ready once every replayed event is consumed, not only sent: the history is counted when readiness says Healthy.
        await Poll.UntilAsync(async () => (await ReadinessAsync(programs)).GetProperty("status").GetString() == "Healthy", TimeSpan.FromSeconds(120),
            "the catch-up of Programs to be answered by every publisher and consumed");
        using (var early = product.OpenDatabase("programs"))
            Assert.Superset(logged.ToHashSet(), EmbeddedCrashTests.Ids(early, "SELECT source_id FROM counted_events WHERE kind = 'consultation'"));

        var total = 500 + live.Count;
        await Poll.UntilAsync(() => Task.FromResult(
                product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation' AND voided_at IS NULL") == total - voided.Count
                && product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation'") == total),
            TimeSpan.FromSeconds(120), $"all {total} consultations to be counted, {voided.Count} voided; {product.Logs()}");

        // Once each: the ledger holds exactly the consultations Coordinators recorded; its inbox took each once.
        Assert.Equal(total, product.Scalar("coordinators", "SELECT COUNT(*) FROM consultations"));
        Assert.Equal(total, product.Scalar("programs", "SELECT COUNT(DISTINCT source_id) FROM counted_events WHERE kind = 'consultation'"));
        Assert.Equal(total, product.Scalar("programs", "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'ConsultationLoggedConsumer'"));
        Assert.Equal(voided.Count, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation' AND voided_at IS NOT NULL"));
        Assert.Equal(total - voided.Count, product.Scalar("programs",
            $"SELECT COALESCE(SUM(count), 0) FROM kpi_daily_counts WHERE program = '{Hokkaido}' AND kind = 'consultation'"));
        Assert.Equal(50, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'company-registered'"));
        using var ledger = product.OpenDatabase("programs");
        var counted = EmbeddedCrashTests.Ids(ledger, "SELECT source_id FROM counted_events WHERE kind = 'consultation'");
        Assert.True(counted.SetEquals(logged.Concat(live)));
        Assert.Equal(1, product.Scalar("programs", "SELECT COUNT(*) FROM catch_ups WHERE reason = 'first-start' AND finished_at IS NOT NULL"));
        Assert.True(product.Scalar("programs",
            "SELECT a.replayed FROM catch_up_answers a JOIN catch_ups c ON c.request_id = a.request_id WHERE c.reason = 'first-start' AND a.publisher = 'coordinators'") >= 500);
    }

    [Fact]
    public async Task Coordinators_started_late_while_companies_change_ends_with_the_copy_the_publisher_holds()
    {
        await using var product = await DistributedProduct.PrepareAsync();
        var programsProcess = await product.StartServiceAsync("programs", null, QuickCatchUp);
        var companiesProcess = await product.StartServiceAsync("companies", null, QuickCatchUp);
        // Placements publishes what Coordinators tells the firms by webhook: its (empty) history is part of the catch-up.
        await product.StartServiceAsync("placements", null, QuickCatchUp);
        using var admin = await TestUsers.SignInAsync(programsProcess.Address, TestUsers.Admin);
        using var companiesClient = product.DirectClient(companiesProcess, Coordinator(Hokkaido));
        await new Slice(admin, admin).CreateProgramAsync(Hokkaido, "北海道プロフェッショナル人材センター");
        var companies = new Slice(admin, companiesClient);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
            ids.Add(await companies.RegisterCompanyAsync(Hokkaido, $"株式会社十勝{i:00}", "トカチ"));
        var versions = new ConcurrentDictionary<Guid, int>(ids.ToDictionary(id => id, _ => 1));
        async Task UpdateAsync(Guid id)
        {
            var version = versions[id];
            var response = await companiesClient.PutAsJsonAsync($"/api/programs/{Hokkaido}/companies/{id}", new
            {
                name = $"株式会社十勝{ids.IndexOf(id):00} 第{version + 1}版", nameKana = "トカチ", prefectureCode = "01", municipalityCode = "012084", version,
            });
            response.EnsureSuccessStatusCode();
            versions[id] = version + 1;
        }
        foreach (var id in ids)
            await UpdateAsync(id);

        // Coordinators' first start: ProgramCreated, CompanyRegistered and CompanyUpdated come from history while updates go on live.
        var starting = product.StartServiceAsync("coordinators", null, QuickCatchUp);
        var random = new Random(20261201);
        var updater = Task.Run(async () =>
        {
            for (var round = 0; round < 150; round++)
                await UpdateAsync(ids[random.Next(ids.Count)]);
        });
        var coordinators = await starting;
        await updater;

        var expected = Rows(product, "companies");
        await Poll.UntilAsync(() => Task.FromResult(Rows(product, "coordinators").SequenceEqual(expected)), TimeSpan.FromSeconds(120),
            $"Coordinators' copy of the companies to equal Companies'; {product.Logs()}");
        Assert.Equal(30, expected.Count);
        Assert.All(ids, id => Assert.Contains(expected, r => r.StartsWith(id.ToString("D"), StringComparison.Ordinal) && r.EndsWith($"|{versions[id]}", StringComparison.Ordinal)));
        await Poll.UntilAsync(async () => (await ReadinessAsync(coordinators)).GetProperty("status").GetString() == "Healthy", TimeSpan.FromSeconds(60),
            "the catch-up of Coordinators to be answered");
        // The program itself came from Programs' history (its ProgramCreated was published before Coordinators had a queue).
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("coordinators", $"SELECT COUNT(*) FROM programs WHERE slug = '{Hokkaido}'")), 1L,
            TimeSpan.FromSeconds(30), "the program to be known by Coordinators");
        // A consultation can now name a company Coordinators learnt from history.
        using var coordinatorsClient = product.DirectClient(coordinators, Coordinator(Hokkaido));
        await new Slice(admin, coordinatorsClient).LogConsultationAsync(Hokkaido, ids[0], new DateOnly(2025, 6, 1));
    }

    [Fact]
    public async Task Programs_restored_from_a_backup_counts_what_came_after_it_once_the_operator_runs_the_catch_up()
    {
        const string program = EmbeddedCrashTests.Program;
        await using var product = await EmbeddedCrashTests.OneProcess.StartAsync();
        var (data, host, staff, slice) = (product.Data, product.Host, product.Staff, product.Slice);
        var company = await slice.RegisterCompanyAsync(program);
        var logged = new ConcurrentBag<Guid>();
        async Task LogAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await staff.PostAsJsonAsync($"/api/programs/{program}/consultations",
                    new { companyId = company, date = "2025-06-01", coordinators = new[] { "山田 太郎" }, channel = "visit" }, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Created)
                    logged.Add((await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetGuid());
            }
        }
        await slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));

        // Last night's backup, taken with SQLite's online backup while consultations keep being logged.
        var backup = Path.Combine(data, "..", "programs-backup.db");
        using (var flowing = new CancellationTokenSource(TimeSpan.FromSeconds(6)))
        {
            var writers = Enumerable.Range(0, 4).Select(_ => LogAsync(flowing.Token)).ToList();
            await Task.Delay(2000);
            var takenFrom = DateTimeOffset.UtcNow;
            using (var source = EmbeddedCrashTests.Open(data, "programs"))
            using (var copy = new SqliteConnection($"Data Source={backup};Pooling=False"))
            {
                copy.Open();
                source.BackupDatabase(copy);
            }
            await Task.WhenAll(writers);
            // Voids after the backup: the restored database has not seen them either.
            foreach (var id in logged.Take(10))
                (await staff.PostAsJsonAsync($"/api/programs/{program}/consultations/{id}/void", new { reason = "重複入力", version = 1 })).EnsureSuccessStatusCode();
            var expected = EmbeddedCrashTests.Scalar(data, "coordinators", $"SELECT COUNT(*) FROM consultations WHERE program = '{program}' AND voided_at IS NULL");
            await Poll.UntilEqualAsync(() => slice.ConsultationCountAsync(program, 2025), expected, TimeSpan.FromSeconds(60), "everything to be counted before the loss");

            // The disk of Programs is lost; its backup is restored.
            await host.KillAsync();
            foreach (var file in new[] { "programs.db", "programs.db-wal", "programs.db-shm" })
                File.Delete(Path.Combine(data, file));
            File.Copy(backup, Path.Combine(data, "programs.db"));
            await host.StartAgainAsync();
            var restored = await slice.ConsultationCountAsync(program, 2025);
            await Task.Delay(2000);
            Assert.Equal(restored, await slice.ConsultationCountAsync(program, 2025));
            Assert.True(restored < expected - 10, $"the backup should lack the consultations logged after it ({restored} of {expected})");

            var printed = await HostCommand.RunAsync(Path.Combine(data, ".."),
                ["catch-up", "--service", "programs", "--since", takenFrom.AddMinutes(-1).ToString("O"), "--Matching:Database:DataDirectory", data]);
            Assert.Contains("Catch-up", printed);
            await Poll.UntilEqualAsync(() => slice.ConsultationCountAsync(program, 2025), expected, TimeSpan.FromSeconds(90), "the catch-up to count what the backup lacked");
        }

        var rows = EmbeddedCrashTests.Scalar(data, "coordinators", $"SELECT COUNT(*) FROM consultations WHERE program = '{program}'");
        Assert.Equal(rows, EmbeddedCrashTests.Scalar(data, "programs", $"SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation' AND program = '{program}'"));
        Assert.Equal(10, EmbeddedCrashTests.Scalar(data, "programs", $"SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation' AND program = '{program}' AND voided_at IS NOT NULL"));
        Assert.Equal(rows - 10, EmbeddedCrashTests.Scalar(data, "programs", $"SELECT COALESCE(SUM(count), 0) FROM kpi_daily_counts WHERE program = '{program}' AND kind = 'consultation'"));
        Assert.Equal(rows, EmbeddedCrashTests.Scalar(data, "programs", "SELECT COUNT(*) FROM inbox_messages WHERE consumer = 'ConsultationLoggedConsumer'"));
        Assert.Equal(1, EmbeddedCrashTests.Scalar(data, "programs", "SELECT COUNT(*) FROM catch_ups WHERE reason = 'operator' AND finished_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_counted_kind_new_in_a_release_counts_the_needs_opened_before_it_and_never_twice()
    {
        const string program = EmbeddedCrashTests.Program;
        await using var product = await EmbeddedCrashTests.OneProcess.StartAsync();
        var (data, host, staff, slice) = (product.Data, product.Host, product.Staff, product.Slice);
        var companies = new List<Guid>();
        for (var i = 0; i < 3; i++)
            companies.Add(await slice.RegisterCompanyAsync(program, $"株式会社網走{i}水産", "アバシリスイサン"));
        for (var i = 0; i < 12; i++)
        {
            var opened = await staff.PostAsJsonAsync($"/api/programs/{program}/companies/{companies[i % 3]}/needs", new
            {
                role = $"DX 推進 {i}", employmentForm = i % 4 == 0 ? "sideJob" : "fullTime", openedOn = "2025-07-01",
            });
            Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        }
        const string needsCounted = $"SELECT COUNT(*) FROM counted_events WHERE kind = 'need-opened' AND program = '{program}'";
        await Poll.UntilEqualAsync(() => Task.FromResult(EmbeddedCrashTests.Scalar(data, "programs", needsCounted)), 12L, TimeSpan.FromSeconds(60), "the needs to be counted");

        // Programs' database as the release before left it: no consumer of TalentNeedOpened had ever run.
        await host.KillAsync();
        using (var db = EmbeddedCrashTests.Open(data, "programs"))
        using (var downgrade = db.CreateCommand())
        {
            downgrade.CommandText = """
                DELETE FROM counted_events WHERE kind = 'need-opened';
                DELETE FROM kpi_daily_counts WHERE kind = 'need-opened';
                DELETE FROM inbox_messages WHERE consumer = 'TalentNeedOpenedConsumer';
                DELETE FROM catch_up_queues WHERE queue = 'programs-talent-need-opened';
                """;
            downgrade.ExecuteNonQuery();
        }
        Assert.Equal(0, EmbeddedCrashTests.Scalar(data, "programs", needsCounted));

        // The new release starts: its new consumer asks for the history of its event type, and counts what came before it.
        await host.StartAgainAsync();
        await Poll.UntilEqualAsync(() => Task.FromResult(EmbeddedCrashTests.Scalar(data, "programs", needsCounted)), 12L, TimeSpan.FromSeconds(60),
            "the needs opened before the release to be counted");
        Assert.Equal(1, EmbeddedCrashTests.Scalar(data, "programs", "SELECT COUNT(*) FROM catch_ups WHERE reason = 'new-consumer'"));
        using (var db = EmbeddedCrashTests.Open(data, "programs"))
        using (var targets = db.CreateCommand())
        {
            targets.CommandText = "SELECT targets FROM catch_ups WHERE reason = 'new-consumer'";
            var asked = JsonDocument.Parse((string)targets.ExecuteScalar()!).RootElement;
            Assert.Equal(["programs-talent-need-opened"], asked.EnumerateArray().Select(t => t.GetProperty("queue").GetString()));
        }
        using var office = await TestUsers.MemberAsync(product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "needs", name = "人材ニーズ件数", unit = "件", direction = "increase", source = "counted", countedKind = "need-opened",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 20 } },
        })).EnsureSuccessStatusCode();
        var progress = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2025");
        Assert.Equal(12m, progress.GetProperty("kpis")[0].GetProperty("lines")[0].GetProperty("actual").GetDecimal());

        // The operator runs a catch-up again: everything arrives a second time, and nothing counts twice. Redeliveries of
        // what the killed process had sent but not yet marked may already have counted as duplicates: the catch-up adds 12.
        const string duplicates = "SELECT COALESCE(SUM(duplicates), 0) FROM inbox_messages WHERE consumer = 'TalentNeedOpenedConsumer'";
        await Poll.UntilEqualAsync(() => Task.FromResult(EmbeddedCrashTests.Scalar(data, "companies", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL")), 0L,
            TimeSpan.FromSeconds(60), "Companies to have sent again what the kill left unmarked");
        var duplicatesBefore = EmbeddedCrashTests.Scalar(data, "programs", duplicates);
        await HostCommand.RunAsync(Path.Combine(data, ".."), ["catch-up", "--service", "programs", "--Matching:Database:DataDirectory", data]);
        await Poll.UntilEqualAsync(() => Task.FromResult(EmbeddedCrashTests.Scalar(data, "programs", "SELECT COUNT(*) FROM catch_ups WHERE reason = 'operator' AND finished_at IS NOT NULL")), 1L,
            TimeSpan.FromSeconds(60), "the operator's catch-up to finish");
        Assert.Equal(12, EmbeddedCrashTests.Scalar(data, "programs", needsCounted));
        await Poll.UntilEqualAsync(() => Task.FromResult(EmbeddedCrashTests.Scalar(data, "programs", duplicates)), duplicatesBefore + 12,
            TimeSpan.FromSeconds(60), "each need to arrive once more and be refused as a duplicate");
        Assert.Equal(12, EmbeddedCrashTests.Scalar(data, "programs", needsCounted));
        var again = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2025");
        Assert.Equal(12m, again.GetProperty("kpis")[0].GetProperty("lines")[0].GetProperty("actual").GetDecimal());
    }

    private static List<string> Rows(DistributedProduct product, string service)
    {
        using var db = product.OpenDatabase(service);
        using var command = db.CreateCommand();
        command.CommandText = $"SELECT id, name, version FROM companies WHERE program = '{Hokkaido}' ORDER BY id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add($"{reader.GetString(0).ToLowerInvariant()}|{reader.GetString(1)}|{reader.GetInt64(2)}");
        return rows;
    }

    private static async Task<JsonElement> ReadinessAsync(HostProcess service)
    {
        using var http = new HttpClient { BaseAddress = service.Address };
        return await http.GetFromJsonAsync<JsonElement>("/health/ready");
    }

    private static async Task<long> QueueCountAsync(DistributedProduct product, string queue)
    {
        var queues = await product.Broker.RabbitMqCtlAsync(["list_queues", "name", "--quiet"]);
        return queues.Split('\n').Count(l => l.Trim() == queue);
    }
}
