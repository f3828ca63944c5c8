using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Contracts;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The office runs the Hokkaido plan (../shared/seeds/hokkaido-pro-talent-center-plan.txt) from the UI: defines its two
/// KPIs with a preview of the plan's table, enters the hires by hand with a correction in the history, sees the same
/// progress table as the API answers (in Japanese and English), and is refused closing a year that has not ended.
/// </summary>
public sealed class OfficeKpiPlanScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[][] HokkaidoTable =
    [
        ["道外プロフェッショナル人材が道内企業に就職した人数（人）", "2", "29", "29", "29", "87"],
        ["経営者との相談件数（件）", "223", "250", "250", "250", "750"],
    ];

    [Fact]
    public async Task The_office_defines_the_Hokkaido_plan_enters_hires_sees_the_API_table_and_cannot_close_a_running_year()
    {
        var (program, userName) = await ProgramWithOfficeAsync("hokkaido", "北海道プロフェッショナル人材センター", "北海道 事務局");
        var violations = new List<string>();
        var page = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, userName, TestUsers.Password);
        await page.GotoAsync($"/p/{program}/progress");
        await page.GetByRole(AriaRole.Link, new() { Name = "KPI の定義と実績の入力" }).ClickAsync();
        await CheckAtBothWidthsAsync(page, "80-kpi-definitions-empty", violations);

        // The first KPI, entered by hand: a baseline typed in full-width digits is not taken as no baseline, and a
        // cumulative line that ends before it starts is refused by the API on its own row.
        await FillAsync(page, "hires-from-outside", "道外プロフェッショナル人材が道内企業に就職した人数", "Professionals from outside Hokkaido hired", "人",
            "entered", null, "２", [("yearly", 2017, null, 29), ("yearly", 2018, null, 29), ("yearly", 2019, null, 29), ("cumulative", 2017, 2016, 87)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#baseline-error")).ToHaveTextAsync("半角の数字で入力してください。");
        await Assertions.Expect(page.GetByLabel("事業開始前（現時点）の値")).ToHaveValueAsync("２");
        await page.GetByLabel("事業開始前（現時点）の値").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.Locator("[id='targets[3].toFiscalYear-error']")).ToContainTextAsync("累計の終了年度は開始年度以降にしてください。");
        Assert.Empty(await page.GetByTestId("kpis").AllAsync());
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "81-kpi-definition-refused"));
        await page.GetByLabel("目標 4 の累計の終了年度").FillAsync("2019");
        await page.GetByRole(AriaRole.Button, new() { Name = "プレビュー" }).ClickAsync();
        Assert.Equal([HokkaidoTable[0]], await TableAsync(page.GetByTestId("preview")));
        await CheckAtBothWidthsAsync(page, "82-kpi-definition-preview", violations);
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("defined")).ToContainTextAsync("hires-from-outside");

        // The second KPI, counted from the consultation log.
        await FillAsync(page, "consultations", "経営者との相談件数", "Consultations with managers", "件", "counted", "consultation", "223",
            [("yearly", 2017, null, 250), ("yearly", 2018, null, 250), ("yearly", 2019, null, 250), ("cumulative", 2017, 2019, 750)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("defined")).ToContainTextAsync("consultations");
        // A KPI defined by mistake is deleted while nothing rests on it; the definitions then read as the plan's table, row for row.
        using var office = await TestUsers.SignInAsync(fixture.Product.Address, userName);
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "mistake", name = "誤りの指標", unit = "件", direction = "increase", source = "entered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2020, value = 1 } },
        })).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await DeleteAsync(page, "mistake", "誤りの指標");
        await Assertions.Expect(page.GetByTestId("deleted")).ToContainTextAsync("mistake");
        Assert.Equal(HokkaidoTable, await TableAsync(page.Locator("main")));
        await CheckAtBothWidthsAsync(page, "83-kpi-definitions-hokkaido", violations);

        var company = await fixture.Product.Slice.RegisterCompanyAsync(program);
        foreach (var date in new[] { "2017-06-01", "2017-12-01", "2018-05-10", "2018-07-20", "2018-09-01" })
            await fixture.Product.Slice.LogConsultationAsync(program, company, DateOnly.Parse(date, CultureInfo.InvariantCulture));

        // Hires by hand: FY2017, FY2018 mistyped and corrected; FY2019 stays not entered.
        await page.GetByTestId("kpis").Locator("tr", new() { HasText = "hires-from-outside" }).GetByRole(AriaRole.Link, new() { Name = "実績・参照値を入力" }).ClickAsync();
        await EnterAsync(page, "平成29年度（2017年度）", "31", null);
        await EnterAsync(page, "平成30年度（2018年度）", "10", null);
        await EnterAsync(page, "平成30年度（2018年度）", "11", "7 月末の集計で 1 人追加");
        Assert.Equal(["31", "11", "未入力"], (await page.GetByTestId("year-actual").AllInnerTextsAsync()).Select(t => t.Trim()));
        // The form goes on to the year after the one saved.
        await Assertions.Expect(page.GetByLabel("年度", new() { Exact = true })).ToHaveValueAsync("2019");
        var history = page.GetByTestId("history");
        await Assertions.Expect(history.Locator("tbody tr")).ToHaveCountAsync(3);
        var latest = history.Locator("tbody tr").First;
        // The person, not the login, with the time of the entry.
        await Assertions.Expect(latest).ToContainTextAsync("北海道 事務局");
        await Assertions.Expect(latest).Not.ToContainTextAsync(userName);
        await Assertions.Expect(latest.Locator("td").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d{1,2}:\d{2}$"));
        await Assertions.Expect(latest).ToContainTextAsync("7 月末の集計で 1 人追加");
        await Assertions.Expect(latest.GetByTestId("old-value")).ToHaveTextAsync("10");
        await Assertions.Expect(history.Locator("tbody tr").Last.GetByTestId("old-value")).ToHaveTextAsync("未入力");
        // A value the API refuses comes back on its field.
        await page.GetByLabel("値（人） 必須").FillAsync("1.23456");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#value-error")).ToContainTextAsync("小数点以下 4 桁");
        await CheckAtBothWidthsAsync(page, "84-kpi-entries-history", violations);

        // With values entered, the KPI is kept: its history stays.
        await page.GetByRole(AriaRole.Link, new() { Name = "KPI の定義へ戻る" }).ClickAsync();
        await DeleteAsync(page, "hires-from-outside", "道外プロフェッショナル人材が道内企業に就職した人数");
        await Assertions.Expect(page.GetByTestId("delete-refused")).ToHaveTextAsync("値が入力された指標は削除できません（入力の履歴を残すため）。");
        await Assertions.Expect(page.GetByLabel("コード（半角英小文字・数字・ハイフン） 必須")).ToHaveValueAsync("");
        Assert.Equal(HokkaidoTable, await TableAsync(page.Locator("main")));
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "84-kpi-delete-refused"));

        // The progress page shows what the API's progress endpoint answers, line for line.
        JsonElement api = default;
        await Poll.UntilAsync(async () =>
        {
            api = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2018");
            return Lines(api, "consultations")[^1][2] == "5";
        }, Slice.Eventually, "the five consultations to be counted");
        await page.GotoAsync($"/p/{program}/progress?fiscalYear=2018");
        var kpis = api.GetProperty("kpis").EnumerateArray().ToList();
        Assert.Equal(["道外プロフェッショナル人材が道内企業に就職した人数", "経営者との相談件数"], kpis.Select(k => k.GetProperty("name").GetString()));
        var sections = page.Locator("main section");
        Assert.Equal(kpis.Count, await sections.CountAsync());
        for (var i = 0; i < kpis.Count; i++)
        {
            Assert.Equal(kpis[i].GetProperty("name").GetString(), (await sections.Nth(i).Locator("h2").InnerTextAsync()).Trim());
            Assert.Equal(Lines(api, kpis[i].GetProperty("code").GetString()!), await RowsAsync(sections.Nth(i).Locator("table").First));
        }
        Assert.Equal([["平成29年度 増加分", "29", "31", "106.9%"], ["平成30年度 増加分", "29", "11", "37.9%"], ["令和元年度 増加分", "29", "-", "-"],
            ["KPI増加分の累計（平成29年度〜令和元年度）", "87", "42", "48.3%"]], Lines(api, "hires-from-outside"));
        await CheckAtBothWidthsAsync(page, "85-kpi-progress-hokkaido", violations);

        // English: the lines' labels and the units switch too.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        var first = page.Locator("main section").First;
        await Assertions.Expect(first.Locator("h2")).ToHaveTextAsync("Professionals from outside Hokkaido hired");
        Assert.Equal(["FY2017 increase", "FY2018 increase", "FY2019 increase", "Cumulative increase (FY2017–FY2019)"],
            (await first.Locator("tbody th").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Assertions.Expect(first.Locator("p.muted")).ToContainTextAsync("Unit: people");
        await Assertions.Expect(page.Locator("main section").Nth(1).Locator("p.muted")).ToContainTextAsync("Unit: cases");
        await CheckAtBothWidthsAsync(page, "86-kpi-progress-english", violations);
        await page.GetByRole(AriaRole.Link, new() { Name = "日本語" }).ClickAsync();

        // Closing the running year: the confirmation says what is frozen, and the API's refusal is shown.
        var running = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)));
        await page.GotoAsync($"/p/{program}/kpi-definitions");
        await page.GetByRole(AriaRole.Link, new() { Name = "年度の確定（公表）" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("what-freezes")).ToContainTextAsync("確定は取り消せません。");
        await Assertions.Expect(page.GetByTestId("what-freezes")).ToContainTextAsync("2 指標・8 行");
        await CheckAtBothWidthsAsync(page, "87-kpi-lock-confirm", violations);
        await page.GetByRole(AriaRole.Button, new() { Name = $"{Ui(running)}を確定（公表）する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("refused")).ToContainTextAsync(
            $"確定できるのは終わった年度だけです（この年度は {running.LastDay:yyyy-MM-dd} まで）。");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "88-kpi-lock-refused"));
        var locks = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear={running.StartYear}");
        Assert.False(locks.TryGetProperty("published", out var published) && published.ValueKind != JsonValueKind.Null);

        // An ended year is closed after the same confirmation, and its page then says it is published.
        await page.GetByLabel("年度", new() { Exact = true }).SelectOptionAsync("2018");
        await page.GetByRole(AriaRole.Button, new() { Name = "表示" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "平成30年度（2018年度）を確定（公表）する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("published")).ToContainTextAsync("確定（公表）済み");
        Assert.Equal(Lines(api, "consultations"), await RowsAsync(page.Locator("main section").Nth(1).Locator("table").First));

        // The plan publishes cumulative figures: FY2019's hires are given as the running total to date (累計 70 = 31 + 11 + 28).
        await page.GotoAsync($"/p/{program}/kpi-definitions/hires-from-outside");
        await page.GetByLabel("種類").SelectOptionAsync("total");
        await EnterAsync(page, "令和元年度（2019年度）", "70", "道の公表値（累計）");
        Assert.Equal(["31", "11", "累計 70"], (await page.GetByTestId("year-actual").AllInnerTextsAsync()).Select(t => t.Trim()));
        await Assertions.Expect(history.Locator("tbody tr").First).ToContainTextAsync("累計");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "89-kpi-entries-running-total"));
        var year2019 = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2019");
        Assert.Equal([["平成29年度 増加分", "29", "31", "106.9%"], ["平成30年度 増加分", "29", "11", "37.9%"], ["令和元年度 増加分", "29", "28", "96.6%"],
            ["KPI増加分の累計（平成29年度〜令和元年度）", "87", "70", "80.5%"]], Lines(year2019, "hires-from-outside"));
        await page.GotoAsync($"/p/{program}/progress?fiscalYear=2019");
        Assert.Equal(Lines(year2019, "hires-from-outside"), await RowsAsync(page.Locator("main section").First.Locator("table").First));

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_office_defines_level_at_least_baseline_and_reference_targets_enters_a_reference_later_and_sees_the_API_table()
    {
        var (program, userName) = await ProgramWithOfficeAsync("kitami", "北見市 ICT 拠点", "北見 事務局");
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, userName, TestUsers.Password);
        await page.GotoAsync($"/p/{program}/kpi-definitions");

        // 新規参加企業数 as the Kitami plan gives it: a level at the end of each of two fiscal years (10 社 each).
        await FillAsync(page, "new-companies", "新規参加企業数", "New participating companies", "社", "entered", null, "",
            [("level", 2017, null, 10), ("level", 2018, null, 10)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("defined")).ToContainTextAsync("new-companies");
        // A ratio to keep at least at its baseline, beside the national average of the year, which is known only later.
        await FillAsync(page, "job-ratio", "有効求人倍率", "Job openings-to-applicants ratio", "倍", "entered", null, "1.2",
            [("atLeastBaseline", 2018, null, null), ("reference", 2018, null, null)]);
        await page.GetByRole(AriaRole.Button, new() { Name = "プレビュー" }).ClickAsync();
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "90-kpi-definition-preview-level-reference"));
        await page.GetByRole(AriaRole.Button, new() { Name = "定義する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("defined")).ToContainTextAsync("job-ratio");

        await page.GotoAsync($"/p/{program}/kpi-definitions/new-companies");
        await EnterAsync(page, "平成30年度（2018年度）", "12", null, "社");
        await page.GotoAsync($"/p/{program}/kpi-definitions/job-ratio");
        await EnterAsync(page, "平成30年度（2018年度）", "1.35", "北見公共職業安定所", "倍");
        await page.GetByLabel("種類").SelectOptionAsync("reference");
        await EnterAsync(page, "平成30年度（2018年度）", "1.61", "厚生労働省 一般職業紹介状況（全国）", "倍");
        await Assertions.Expect(page.GetByTestId("history").Locator("tbody tr").First).ToContainTextAsync("参照値");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "91-kpi-entries-reference"));

        using var office = await TestUsers.SignInAsync(fixture.Product.Address, userName, TestUsers.Password);
        var api = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2018");
        await page.GotoAsync($"/p/{program}/progress?fiscalYear=2018");
        var sections = page.Locator("main section");
        foreach (var (code, i) in new[] { ("new-companies", 0), ("job-ratio", 1) })
            Assert.Equal(Lines(api, code), await RowsAsync(sections.Nth(i).Locator("table").First));
        var ratio = Lines(api, "job-ratio");
        Assert.Equal(2, ratio.Length);
        Assert.Equal("1.2", ratio[0][1]);
        Assert.Equal("1.35", ratio[0][2]);
        Assert.Equal("1.61", ratio[1][1]);
        Assert.Equal(["10", "12"], Lines(api, "new-companies")[^1][1..3]);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "92-kpi-progress-level-reference"));
        Assert.Empty(violations);
    }

    /// <summary>A new program of 5,000 companies and its office user (the display name as given).</summary>
    private async Task<(string Program, string UserName)> ProgramWithOfficeAsync(string prefix, string name, string officeName)
    {
        var program = prefix + "-" + Guid.NewGuid().ToString("N")[..8];
        await fixture.Product.Slice.CreateProgramAsync(program, name);
        await fixture.ImportCompaniesAsync(program, BrowserFixture.ProgramCompanies);
        var userName = "office-" + Guid.NewGuid().ToString("N")[..8];
        (await fixture.Product.Admin.PostAsJsonAsync("/api/users", new
        {
            userName, displayName = officeName, password = TestUsers.Password, isAdmin = false, memberships = new[] { new { program, role = "office" } },
        })).EnsureSuccessStatusCode();
        return (program, userName);
    }

    private static string Ui(FiscalYear year) => $"{year.JapaneseName}（{year.StartYear}年度）";

    private static async Task FillAsync(IPage page, string code, string name, string nameEn, string unit, string source, string? kind, string baseline,
        (string Kind, int Year, int? To, decimal? Value)[] targets)
    {
        await page.GetByLabel("指標名 必須").FillAsync(name);
        await page.GetByLabel("指標名（英語）").FillAsync(nameEn);
        await page.GetByLabel("コード（半角英小文字・数字・ハイフン） 必須").FillAsync(code);
        await page.GetByLabel("単位（例: 人、件、社） 必須").FillAsync(unit);
        await page.GetByLabel("実績の出所").SelectOptionAsync(source);
        await page.GetByLabel("数える記録（記録から数える場合）").SelectOptionAsync(kind ?? "");
        await page.GetByLabel("事業開始前（現時点）の値").FillAsync(baseline);
        await page.GetByLabel("基準値の呼び方（例: 事業開始前、平成28年度）").FillAsync("事業開始前");
        for (var i = 0; i < targets.Length; i++)
        {
            var t = targets[i];
            await page.GetByLabel($"目標 {i + 1} の形").SelectOptionAsync(t.Kind);
            await page.GetByLabel($"目標 {i + 1} の年度").FillAsync(t.Year.ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel($"目標 {i + 1} の累計の終了年度").FillAsync(t.To?.ToString(CultureInfo.InvariantCulture) ?? "");
            await page.GetByLabel($"目標 {i + 1} の目標値").FillAsync(t.Value?.ToString(CultureInfo.InvariantCulture) ?? "");
        }
    }

    private static async Task DeleteAsync(IPage page, string code, string name)
    {
        var row = page.GetByTestId("kpis").Locator("tr", new() { HasText = code });
        await row.Locator("summary").ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = $"「{name}」を削除する" }).ClickAsync();
    }

    private static async Task EnterAsync(IPage page, string year, string value, string? note, string unit = "人")
    {
        await page.GetByLabel("年度", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = year });
        await page.GetByLabel($"値（{unit}） 必須").FillAsync(value);
        await page.GetByLabel("メモ（出典・訂正の理由など）").FillAsync(note ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("entered")).ToBeVisibleAsync();
    }

    /// <summary>The plan tables' body rows (the indicator and its cells) under <paramref name="scope"/>.</summary>
    private static Task<string[][]> TableAsync(ILocator scope) => RowsAsync(scope.GetByTestId("plan-table"));

    /// <summary>A table's body rows, cell by cell (a progress table's: label, target, actual, progress).</summary>
    private static async Task<string[][]> RowsAsync(ILocator table)
    {
        var rows = table.Locator("tbody tr");
        var result = new List<string[]>();
        for (var i = 0; i < await rows.CountAsync(); i++)
            result.Add([.. (await rows.Nth(i).Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim())]);
        return [.. result];
    }

    /// <summary>The API's lines of a KPI as the page writes them (numbers with thousands separators, "-" for none).</summary>
    private static string[][] Lines(JsonElement progress, string code) =>
        [.. progress.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code).GetProperty("lines").EnumerateArray()
            .Select(l => new[] { l.GetProperty("label").GetString()!, Figure(l.GetProperty("target")), Figure(l.GetProperty("actual")), l.GetProperty("progressText").GetString()! })];

    private static string Figure(JsonElement value) =>
        value.ValueKind == JsonValueKind.Null ? "-" : value.GetDecimal().ToString("#,0.####", CultureInfo.InvariantCulture);

    private static async Task CheckAtBothWidthsAsync(IPage page, string name, List<string> violations)
    {
        await page.SetViewportSizeAsync(1366, 900);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, name + "-1366"));
        await page.SetViewportSizeAsync(768, 1024);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, name + "-768"));
        await page.SetViewportSizeAsync(1366, 900);
    }
}
