using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Data.Sqlite;

namespace Matching.SystemTests;

/// <summary>
/// The embedded default (one process, in-memory bus, SQLite) as a small program runs it in production: SIGKILLed at
/// random moments under a burst of writes, again and again. Whatever was answered 2xx must be in its database and
/// counted exactly once by the KPIs once the process is back.
/// </summary>
public sealed class EmbeddedCrashTests
{
    internal const string Program = "crash";
    private static readonly DateOnly June = new(2025, 6, 1);

    [Fact]
    public async Task Every_change_answered_2xx_is_kept_and_counted_once_after_twenty_kills()
    {
        await using var product = await OneProcess.StartAsync();
        var (data, host, staff, slice) = (product.Data, product.Host, product.Staff, product.Slice);
        var company = await slice.RegisterCompanyAsync(Program);
        await slice.LogConsultationAsync(Program, company, June);

        var consultations = new ConcurrentBag<Guid>();
        var companies = new ConcurrentBag<Guid>();
        var random = new Random(20261201);
        for (var round = 0; round < 20; round++)
        {
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 24)
                .Select(i => WriteUntilKilledAsync(staff, company, i % 6 == 0 ? companies : null, consultations, stop.Token))
                .ToList();
            await Task.Delay(random.Next(150, 1500));
            await host.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
            await host.StartAgainAsync();
        }

        Assert.True(consultations.Count > 100, $"only {consultations.Count} consultations were answered 201");
        using (var coordinators = Open(data, "coordinators"))
            Assert.Empty(consultations.Except(Ids(coordinators, "SELECT id FROM consultations")));
        using (var companiesDb = Open(data, "companies"))
            Assert.Empty(companies.Except(Ids(companiesDb, "SELECT id FROM companies")));

        var loggedRows = Scalar(data, "coordinators", $"SELECT COUNT(*) FROM consultations WHERE program = '{Program}'");
        var companyRows = Scalar(data, "companies", $"SELECT COUNT(*) FROM companies WHERE program = '{Program}'");
        await Poll.UntilEqualAsync(() => slice.ConsultationCountAsync(Program, 2025), loggedRows, TimeSpan.FromSeconds(90),
            "every committed consultation to be counted");
        await Poll.UntilEqualAsync(
            () => Task.FromResult(Scalar(data, "programs", $"SELECT COUNT(*) FROM counted_events WHERE kind = 'company-registered' AND program = '{Program}'")),
            companyRows, TimeSpan.FromSeconds(90), "every committed company to be counted");
        Assert.Equal(loggedRows, Scalar(data, "programs", $"SELECT COUNT(*) FROM counted_events WHERE kind = 'consultation' AND program = '{Program}'"));
        Assert.Equal(0, Scalar(data, "coordinators", "SELECT COUNT(*) FROM outbox_messages WHERE sent_at IS NULL"));
    }

    [Fact]
    public async Task A_company_import_killed_in_mid_commit_ends_with_every_row_written_once()
    {
        await using var product = await OneProcess.StartAsync();
        var (data, host, staff) = (product.Data, product.Host, product.Staff);
        var imports = $"/api/programs/{Program}/companies/imports";
        HttpResponseMessage upload = null!;
        await Poll.UntilAsync(async () =>
        {
            upload = await staff.PostAsync($"{imports}?kind=companies&fileName=list.csv", new ByteArrayContent(CompanyListFile.Csv(50_000)));
            return upload.StatusCode != HttpStatusCode.NotFound; // until Companies knows the program
        }, TimeSpan.FromSeconds(60), "the program to be known by Companies");
        var import = await upload.Content.ReadFromJsonAsync<JsonElement>();
        var id = import.GetProperty("id").GetGuid();

        var commit = await staff.PostAsJsonAsync($"{imports}/{id}/commit", new { version = import.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        await Poll.UntilAsync(async () =>
        {
            var view = await staff.GetFromJsonAsync<JsonElement>($"{imports}/{id}");
            return view.TryGetProperty("progress", out var progress) && progress.ValueKind == JsonValueKind.Object
                   && progress.GetProperty("done").GetInt32() >= 5_000;
        }, TimeSpan.FromSeconds(120), "the commit to be under way");
        await host.KillAsync();
        var partly = Scalar(data, "companies", $"SELECT COUNT(*) FROM companies WHERE program = '{Program}'");
        await host.StartAgainAsync();

        Assert.InRange(partly, 1, 49_999);
        await Poll.UntilAsync(async () => (await staff.GetFromJsonAsync<JsonElement>($"{imports}/{id}")).GetProperty("status").GetString() == "committed",
            TimeSpan.FromSeconds(180), "the interrupted commit to go on and finish");
        Assert.Equal(50_000, Scalar(data, "companies", $"SELECT COUNT(*) FROM companies WHERE program = '{Program}'"));
        Assert.Equal(50_000, Scalar(data, "companies", $"SELECT COUNT(DISTINCT name) FROM companies WHERE program = '{Program}'"));
        Assert.Equal(50_000, Scalar(data, "companies", $"SELECT COUNT(*) FROM outbox_messages WHERE message_type LIKE '%CompanyRegistered%' AND program = '{Program}'"));
        await Poll.UntilEqualAsync(
            () => Task.FromResult(Scalar(data, "programs", $"SELECT COUNT(*) FROM counted_events WHERE kind = 'company-registered' AND program = '{Program}'")),
            50_000L, TimeSpan.FromSeconds(120), "every imported company to be counted");
    }

    /// <summary>Logs consultations (and registers companies, when given a bag for them) until the process dies.</summary>
    private static async Task WriteUntilKilledAsync(HttpClient client, Guid company, ConcurrentBag<Guid>? companies, ConcurrentBag<Guid> consultations, CancellationToken stop)
    {
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = companies is not null && n++ % 2 == 0
                    ? await client.PostAsJsonAsync($"/api/programs/{Program}/companies",
                        new { name = $"株式会社試験{Guid.NewGuid():N}"[..20], nameKana = "シケン", prefectureCode = "01", municipalityCode = "012084" }, CancellationToken.None)
                    : await client.PostAsJsonAsync($"/api/programs/{Program}/consultations",
                        new { companyId = company, date = "2025-06-01", coordinators = new[] { "山田 太郎" }, channel = "visit", notes = "販路開拓" }, CancellationToken.None);
                if (response.StatusCode != HttpStatusCode.Created)
                    continue;
                var id = (await response.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("id").GetGuid();
                (response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/companies", StringComparison.Ordinal) ? companies! : consultations).Add(id);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException or JsonException)
            {
                // The process died mid-request: no answer, so nothing was promised.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    /// <summary>The embedded default in a process of its own (so it can be SIGKILLed), with the crash program created.</summary>
    internal sealed class OneProcess : IAsyncDisposable
    {
        private readonly TempFolder folder = new("matching-embedded-crash");

        public string Data => Path.Combine(folder.Path, "data");

        public HostProcess Host { get; private set; } = null!;

        public HttpClient Admin { get; private set; } = null!;

        public HttpClient Staff { get; private set; } = null!;

        public Slice Slice => new(Admin, Staff);

        public static async Task<OneProcess> StartAsync()
        {
            var product = new OneProcess();
            await TestUsers.BootstrapAsync(product.folder.Path, product.Data);
            product.Host = await HostProcess.StartAsync("embedded",
                ["--Matching:Database:DataDirectory", product.Data, "--Matching:Demo:SampleData", "false"], product.folder.Path);
            product.Admin = await TestUsers.SignInAsync(product.Host.Address, TestUsers.Admin);
            product.Staff = await TestUsers.SignInAsync(product.Host.Address, TestUsers.Staff);
            await product.Slice.CreateProgramAsync(Program, "クラッシュ試験センター");
            return product;
        }

        public async ValueTask DisposeAsync()
        {
            Admin?.Dispose();
            Staff?.Dispose();
            if (Host is not null)
                await Host.DisposeAsync();
            folder.Dispose();
        }
    }

    internal static SqliteConnection Open(string data, string service)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(data, service + ".db")};Pooling=False");
        connection.Open();
        return connection;
    }

    internal static HashSet<Guid> Ids(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var ids = new HashSet<Guid>();
        while (reader.Read())
            ids.Add(Guid.Parse(reader.GetString(0)));
        return ids;
    }

    internal static long Scalar(string data, string service, string sql)
    {
        using var connection = Open(data, service);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
