using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Platform.Auth;
using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>個人データの消去 across the services as separate processes over RabbitMQ: no database file keeps the person, no count moves.</summary>
public sealed class ErasureAcrossProcessesTests
{
    private const string Tokachi = "tokachi";

    private static readonly string[] QuickCatchUp = ["--Matching:History:AskAgainAfter", "00:00:02"];

    private static MatchingUser Member(ProgramRole role, string? firm = null) => TestUsers.Member(Tokachi, role, firm);

    [Fact]
    public async Task After_an_erasure_no_table_nor_WAL_of_any_service_holds_the_person_and_every_KPI_figure_is_unchanged()
    {
        await using var product = await DistributedProduct.PrepareAsync();
        var programs = await product.StartServiceAsync("programs", null, QuickCatchUp);
        await product.StartServiceAsync("companies", null, QuickCatchUp);
        var coordinators = await product.StartServiceAsync("coordinators", null, QuickCatchUp);
        var candidates = await product.StartServiceAsync("candidates", null, QuickCatchUp);
        using var admin = await TestUsers.SignInAsync(programs.Address, TestUsers.Admin);
        await new Slice(admin, admin).CreateProgramAsync(Tokachi, "十勝プロフェッショナル人材センター");
        using var registry = product.DirectClient(coordinators, Member(ProgramRole.Office));
        HttpResponseMessage registered = null!;
        await Poll.UntilAsync(async () => (registered = await registry.PostAsJsonAsync($"/api/programs/{Tokachi}/firms",
            new { name = "十勝キャリア株式会社", nameKana = "トカチキャリア", licenceNumber = "01-ユ-200001" })).StatusCode != HttpStatusCode.NotFound,
            Slice.Eventually, "Coordinators to know the program");
        var firm = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var office = product.DirectClient(programs, Member(ProgramRole.Office));
        (await office.PostAsJsonAsync($"/api/programs/{Tokachi}/kpis", new
        {
            code = "data-bank", name = "人材データバンク登録者数", unit = "人", direction = "increase", source = "counted", countedKind = "candidate-registered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2026, value = 100 } },
        })).EnsureSuccessStatusCode();
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("candidates",
                $"SELECT COUNT(*) FROM firms WHERE program = '{Tokachi}' AND id = '{firm}' AND status = 'registered'")),
            1L, Slice.Eventually, $"Candidates' copy of the firm; {product.Logs()}");
        using var coordinator = product.DirectClient(candidates, Member(ProgramRole.Coordinator));
        string[] person = ["帯広 澪理", "オビヒロ ミオリ", "miori.obihiro@erasure.example.jp", "080-5123-9876"];
        var erasedId = await RegisterAsync(coordinator, person[0], person[1], person[2], person[3], "13");
        await RegisterAsync(coordinator, "音更 健吾", "オトフケ ケンゴ", "kengo@example.jp", "090-4321-0000", "01");
        (await coordinator.PostAsJsonAsync($"/api/programs/{Tokachi}/candidates/{erasedId}/consents",
            new { purpose = "introduction", recipient = "registeredFirms", textVersion = "2025-04", method = "written" })).EnsureSuccessStatusCode();
        using var recruiter = product.DirectClient(candidates, Member(ProgramRole.Recruiter, firm.ToString()));
        var full = await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{Tokachi}/candidates/{erasedId}/shared");
        Assert.Equal(person[0], full.GetProperty("name").GetString());
        var fiscalYear = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(9)) is var now && now.Month >= 4 ? now.Year : now.Year - 1;
        await Poll.UntilEqualAsync(async () => await BreakdownAsync(office, fiscalYear, "prefecture"), "01=1;13=1", Slice.Eventually,
            $"both registrations to be counted; {product.Logs()}");
        // The read's audit entry reaches Programs' one audit log: the person's id travels, never the name.
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("programs",
                $"SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data-read' AND target = 'candidate:{erasedId}'")),
            1L, Slice.Eventually, "the read's audit entry in Programs");
        var figuresBefore = await FiguresAsync(office, fiscalYear);
        Assert.NotEmpty(PersonalDataScan.Find(Path.Combine(product.Folder, "data"), person));

        using var eraser = product.DirectClient(candidates, Member(ProgramRole.Office));
        var erasure = await eraser.PostAsJsonAsync($"/api/programs/{Tokachi}/candidates/{erasedId}/erasure", new { reason = "request" });
        Assert.True(erasure.StatusCode == HttpStatusCode.OK, await erasure.Content.ReadAsStringAsync());
        // The event left over RabbitMQ, and Programs has consumed what Candidates published after it (the erasure's audit entry).
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("candidates",
                $"SELECT COUNT(*) FROM outbox_messages WHERE message_type LIKE '%CandidateErased%' AND body LIKE '%{erasedId}%' AND sent_at IS NOT NULL")),
            1L, Slice.Eventually, "CandidateErased to be published");
        await Poll.UntilEqualAsync(() => Task.FromResult(product.Scalar("programs",
                $"SELECT COUNT(*) FROM audit_log WHERE action = 'personal-data-erased' AND target = 'candidate:{erasedId}'")),
            1L, Slice.Eventually, "the erasure's audit entry in Programs");
        var figuresAfter = await FiguresAsync(office, fiscalYear);
        var found = PersonalDataScan.Find(Path.Combine(product.Folder, "data"), person);
        var extent = PersonalDataScan.Extent(Path.Combine(product.Folder, "data"));

        Assert.Empty(found);
        Assert.True(extent.Databases >= 4 && extent.Tables > 40, $"scanned {extent}");
        Assert.Equal(figuresBefore, figuresAfter);
        Assert.Equal(1, product.Scalar("candidates", $"SELECT COUNT(*) FROM provisions WHERE candidate_id = '{erasedId}' AND firm_id = '{firm}' AND candidate_name = ''"));
    }

    private static async Task<Guid> RegisterAsync(HttpClient coordinator, string name, string kana, string email, string phone, string prefecture)
    {
        var response = await coordinator.PostAsJsonAsync($"/api/programs/{Tokachi}/candidates", new
        {
            name, nameKana = kana, email, phone, prefectureCode = prefecture, birthYear = 1985, careerSummary = "十勝で食品の販路開拓",
            skills = new[] { "えいぎょう" }, employmentForms = new[] { "fullTime" },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<string> BreakdownAsync(HttpClient office, int fiscalYear, string by) =>
        string.Join(';', (await office.GetFromJsonAsync<JsonElement>($"/api/programs/{Tokachi}/kpis/data-bank/breakdown?fiscalYear={fiscalYear}&by={by}"))
            .GetProperty("rows").EnumerateArray().Select(r => $"{r.GetProperty("key").GetString()}={r.GetProperty("count").GetInt64()}"));

    /// <summary>Every figure the office publishes for the year: the progress table and the data bank's breakdowns.</summary>
    private static async Task<string> FiguresAsync(HttpClient office, int fiscalYear) =>
        await office.GetStringAsync($"/api/programs/{Tokachi}/kpis/progress.csv?fiscalYear={fiscalYear}") + "\n"
        + await BreakdownAsync(office, fiscalYear, "prefecture") + "\n" + await BreakdownAsync(office, fiscalYear, "employmentForm");
}
