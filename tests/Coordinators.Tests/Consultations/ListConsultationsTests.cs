using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Consultations;

public sealed class ListConsultationsTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private async Task<JsonElement> ListAsync(string program, string query) =>
        await fixture.Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/consultations?{query}");

    private async Task<string> NewProgramAsync()
    {
        var program = $"log-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "相談記録テスト");
        return program;
    }

    private static List<string> Dates(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("date").GetString()!).ToList();

    [Fact]
    public async Task A_company_s_consultations_are_listed_newest_first_within_the_range()
    {
        var program = await NewProgramAsync();
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var other = await fixture.Slice.RegisterCompanyAsync(program, "別の会社", "ベツノカイシャ");
        foreach (var day in new[] { 3, 1, 2 })
            await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 5, day));
        await fixture.Slice.LogConsultationAsync(program, other, new DateOnly(2025, 5, 2));

        var all = await ListAsync(program, $"companyId={company}");
        var ranged = await ListAsync(program, $"companyId={company}&from=2025-05-02&to=2025-05-03");
        var paged = await ListAsync(program, $"companyId={company}&pageSize=2&page=2");

        Assert.Equal(["2025-05-03", "2025-05-02", "2025-05-01"], Dates(all));
        Assert.Equal(["2025-05-03", "2025-05-02"], Dates(ranged));
        Assert.Equal(["2025-05-01"], Dates(paged));
        Assert.Equal(3, paged.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_log_filters_by_coordinator_channel_issue_and_a_word_sorts_and_exports_the_same_rows()
    {
        var program = await NewProgramAsync();
        var company = await fixture.Slice.RegisterCompanyAsync(program, "株式会社あさひ精工", "アサヒセイコウ");
        var other = await fixture.Slice.RegisterCompanyAsync(program, "株式会社いわき物産", "イワキブッサン");
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));
        await fixture.Slice.LogConsultationAsync(program, other, new DateOnly(2025, 6, 1));
        async Task LogAsync(Guid companyId, string date, string[] coordinators, string channel, string[] issues, string notes) =>
            (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations", new { companyId, date, coordinators, channel, issues, notes }))
                .EnsureSuccessStatusCode();
        await LogAsync(company, "2025-06-03", ["佐藤 花子", "山田 太郎"], "phone", ["dx", "succession"], "生産管理システムの更新（100%クラウド化）");
        await LogAsync(other, "2025-06-02", ["山田 太郎 "], "online", ["dx"], "ECサイトの立ち上げ");
        await LogAsync(other, "2025-06-04", ["山田 太郎次"], "visit", ["productivity"], "工程の見直し");

        static List<string> Notes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("notes").GetString()!)];
        // A coordinator matches whole: 山田 太郎 is not 山田 太郎次; the trailing space was trimmed when logged.
        Assert.Equal(["生産管理システムの更新（100%クラウド化）", "ECサイトの立ち上げ", "販路開拓の相談", "販路開拓の相談"],
            Notes(await ListAsync(program, $"coordinator={Uri.EscapeDataString("山田 太郎")}")));
        Assert.Equal(["生産管理システムの更新（100%クラウド化）"], Notes(await ListAsync(program, $"coordinator={Uri.EscapeDataString("佐藤 花子")}")));
        Assert.Equal(["ECサイトの立ち上げ"], Notes(await ListAsync(program, "channel=online")));
        Assert.Equal(["生産管理システムの更新（100%クラウド化）", "ECサイトの立ち上げ"], Notes(await ListAsync(program, "issue=dx")));
        Assert.Equal(["生産管理システムの更新（100%クラウド化）"], Notes(await ListAsync(program, "issue=succession")));
        // % is a character to look for, not a wildcard.
        Assert.Equal(["生産管理システムの更新（100%クラウド化）"], Notes(await ListAsync(program, $"keyword={Uri.EscapeDataString("100%")}")));
        Assert.Empty(Notes(await ListAsync(program, $"keyword={Uri.EscapeDataString("1%0")}")));
        var byCompany = await ListAsync(program, "sort=company");
        Assert.Equal(["株式会社あさひ精工", "株式会社あさひ精工", "株式会社いわき物産", "株式会社いわき物産", "株式会社いわき物産"],
            byCompany.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("companyName").GetString()!).ToList());
        Assert.Equal(["2025-06-01", "2025-06-01", "2025-06-02", "2025-06-03", "2025-06-04"], Dates(await ListAsync(program, "sort=date-asc")));

        var csv = await fixture.Product.Client.GetAsync($"/api/programs/{program}/consultations/export?format=csv&issue=dx");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = await CsvLinesAsync(csv);
        var header = Array.FindIndex(lines, l => l.StartsWith("\"相談日\",\"企業\"", StringComparison.Ordinal));
        Assert.Equal(2, lines.Length - header - 1);
        Assert.Contains("電話", lines[header + 1], StringComparison.Ordinal);
        Assert.Contains("事業承継、DX・IT化", lines[header + 1], StringComparison.Ordinal);
        var xlsx = await fixture.Product.Client.GetAsync($"/api/programs/{program}/consultations/export?format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        await Problem.ReadAsync(await fixture.Product.Client.GetAsync($"/api/programs/{program}/consultations/export?format=pdf"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_export_says_above_its_table_what_it_holds_and_speaks_english_when_asked()
    {
        var program = $"log-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "相談記録テスト");
        var company = await fixture.Slice.RegisterCompanyAsync(program, "株式会社あさひ精工", "アサヒセイコウ");
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var japanese = await CsvLinesAsync(await fixture.Product.Client.GetAsync(
            $"/api/programs/{program}/consultations/export?format=csv&from=2025-04-01&to=2026-03-31&companyId={company}&channel=visit"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/programs/{program}/consultations/export?format=csv&keyword=x");
        request.Headers.AcceptLanguage.ParseAdd("en");
        var english = await CsvLinesAsync(await fixture.Product.Client.SendAsync(request));

        Assert.Equal(
            ["\"相談記録\"", "\"プログラム\",\"相談記録テスト\"", $"\"基準日（出力日）\",\"{today}\"", "\"期間\",\"2025-04-01〜2026-03-31\"",
                "\"企業\",\"株式会社あさひ精工\"", "\"相談方法\",\"訪問\"", "\"並び順\",\"相談日の新しい順\"", "\"件数\",\"1\""],
            japanese[..8]);
        Assert.StartsWith("\"相談日\",\"企業\",\"担当コーディネーター\"", japanese[8], StringComparison.Ordinal);
        Assert.Equal(["\"Consultation log\"", "\"Program\",\"相談記録テスト\"", $"\"As of (exported on)\",\"{today}\"", "\"Keyword\",\"x\""], english[..4]);
        Assert.Equal("\"Consultation date\",\"Company\",\"Coordinators\",\"Channel\",\"Management issue\",\"Notes\",\"Next action\",\"Next action date\",\"Voided\"", english[6]);
    }

    [Fact]
    public async Task A_renamed_program_is_named_by_its_new_name_in_the_export()
    {
        var program = $"log-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "旧名称センター");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));

        (await fixture.Product.Admin.PutAsJsonAsync($"/api/programs/{program}", new { name = "新名称センター" })).EnsureSuccessStatusCode();

        await Poll.UntilAsync(async () => (await CsvLinesAsync(await fixture.Product.Client.GetAsync($"/api/programs/{program}/consultations/export?format=csv")))[1]
            == "\"プログラム\",\"新名称センター\"", Slice.Eventually, "Coordinators to take the program's new name");
    }

    private static async Task<string[]> CsvLinesAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return System.Text.Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task A_coordinator_s_account_finds_the_consultations_they_took_part_in_as_main_or_sub_and_the_export_follows()
    {
        var program = await NewProgramAsync();
        var main = await fixture.Slice.AddCoordinatorAsync(program, "北見 一郎", "main");
        var sub = await fixture.Slice.AddCoordinatorAsync(program, "網走 花子", "sub");
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 7, 1));
        async Task LogAsync(string date, Guid[] coordinatorIds, string[] coordinators, string notes) =>
            (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations",
                new { companyId = company, date, coordinatorIds, coordinators, channel = "visit", notes })).EnsureSuccessStatusCode();
        await LogAsync("2025-07-02", [main], [], "一郎がメイン");
        await LogAsync("2025-07-03", [main, sub], [], "花子はサブ");
        await LogAsync("2025-07-04", [sub], ["外部 講師"], "花子がメイン、外部講師も");

        var bySub = await ListAsync(program, $"coordinatorId={sub}");
        var byMain = await ListAsync(program, $"coordinatorId={main}");
        var byOutsideName = await ListAsync(program, $"coordinator={Uri.EscapeDataString("外部 講師")}");
        var csv = await CsvLinesAsync(await fixture.Product.Client.GetAsync($"/api/programs/{program}/consultations/export?format=csv&coordinatorId={sub}"));

        static List<string> Notes(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("notes").GetString()!)];
        Assert.Equal(["花子がメイン、外部講師も", "花子はサブ"], Notes(bySub));
        Assert.Equal(["花子はサブ", "一郎がメイン"], Notes(byMain));
        Assert.Equal(["花子がメイン、外部講師も"], Notes(byOutsideName));
        Assert.Contains("\"担当コーディネーター\",\"網走 花子\"", csv);
        var rows = csv.SkipWhile(l => !l.StartsWith("\"相談日\"", StringComparison.Ordinal)).Skip(1).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("花子はサブ", StringComparison.Ordinal));
        Assert.DoesNotContain(rows, r => r.Contains("一郎がメイン", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("companyId=nope", "companyId")]
    [InlineData("coordinatorId=yamada", "coordinatorId")]
    [InlineData("from=2025/05/01", "from")]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("from=2025-05-02&to=2025-05-01", "to")]
    [InlineData("channel=fax", "channel")]
    [InlineData("issue=weather", "issue")]
    [InlineData("sort=random", "sort")]
    public async Task Bad_list_parameters_are_reported_on_their_field(string query, string field)
    {
        var response = await fixture.Product.Client.GetAsync($"/api/programs/demo/consultations?{query}");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey(field), string.Join(",", problem.Errors.Keys));
    }
}
