using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// The KPI tables of the Hokkaido, Saitama and Kitami plans (../shared/seeds) as definitions, fed with events and
/// hand-entered actuals, and read back as progress through the API, for partial and full years.
/// </summary>
public sealed class KpiPlanTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    /// <summary>The Hokkaido plan's headline KPI, entered by hand: baseline 2, +29 in each of FY2017–FY2019, 87 in all.</summary>
    private static readonly object HokkaidoHires = new
    {
        code = "hires-from-outside", name = "道外プロフェッショナル人材が道内企業に就職した人数", unit = "人", direction = "increase", source = "entered",
        baseline = 2, targets = Increments(2017, 29, 29, 29).Append(Cumulative(2017, 2019, 87)),
    };

    [Fact]
    public async Task Hokkaido_plan_counts_consultations_from_events_and_takes_hires_by_hand()
    {
        var (program, office) = await NewProgramAsync("北海道プロフェッショナル人材センター");
        await DefineAsync(office, program, new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            baseline = 223, baselineLabel = "事業開始前", targets = Increments(2017, 250, 250, 250).Append(Cumulative(2017, 2019, 750)),
        });
        await DefineAsync(office, program, HokkaidoHires);
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        foreach (var date in new[] { "2017-06-01", "2017-12-01", "2018-03-31", "2018-05-10", "2018-07-20", "2018-09-01" })
            await fixture.Slice.LogConsultationAsync(program, company, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));
        await EnterAsync(office, program, "hires-from-outside", 2017, 31);
        await EnterAsync(office, program, "hires-from-outside", 2018, 11);

        // Events are counted in whatever order they arrive: every report below is read once all six are in
        // (the plan's cumulative line for FY2017–2019 counts them all).
        await ProgressWhenAsync(program, 2018, null, p => Actual(p, "consultations", 3) == 6);

        // FY2018 to the end of July, as the plan's reference figures are given.
        var july = await ProgressAsync(program, 2018, "2018-07-31");
        AssertLines(july, "consultations", ("3", "1.2%"), ("2", "0.8%"), (null, "-"), ("5", "0.7%"));
        AssertLines(july, "hires-from-outside", ("31", "106.9%"), ("11", "37.9%"), (null, "-"), ("42", "48.3%"));
        // The monthly trend of the counted KPI: April to the as-of month.
        Assert.Equal([0L, 1L, 0L, 1L], Kpi(july, "consultations").GetProperty("months").EnumerateArray().Select(m => m.GetProperty("count").GetInt64()));
        Assert.Equal(JsonValueKind.Null, Kpi(july, "hires-from-outside").GetProperty("months").ValueKind);

        // The full year, as published on 31 March.
        var year = await ProgressAsync(program, 2018, null);
        Assert.Equal("2019-03-31", year.GetProperty("asOf").GetString());
        Assert.Equal("平成30年度", year.GetProperty("fiscalYearName").GetString());
        AssertLines(year, "consultations", ("3", "1.2%"), ("3", "1.2%"), (null, "-"), ("6", "0.8%"));

        // An earlier year knows nothing of later ones.
        AssertLines(await ProgressAsync(program, 2017, null), "consultations", ("3", "1.2%"), (null, "-"), (null, "-"), ("3", "0.4%"));
    }

    [Fact]
    public async Task Saitama_plan_yearly_increments_and_their_cumulative_total()
    {
        var (program, office) = await NewProgramAsync("埼玉県プロフェッショナル人材戦略拠点");
        await DefineAsync(office, program, new
        {
            code = "consultations", name = "県内中堅・中小企業の相談件数", unit = "件", direction = "increase", source = "entered",
            baseline = 453, targets = Increments(2017, 200, 200, 200).Append(Cumulative(2017, 2019, 600)),
        });
        await DefineAsync(office, program, new
        {
            code = "matches", name = "プロフェッショナル人材のマッチング件数", unit = "件", direction = "increase", source = "entered",
            baseline = 38, targets = Increments(2017, 15, 15, 15).Append(Cumulative(2017, 2019, 45)),
        });
        foreach (var (year, consultations, matches) in new[] { (2017, 214, 15), (2018, 187, 20), (2019, 205, 9) })
        {
            await EnterAsync(office, program, "consultations", year, consultations);
            await EnterAsync(office, program, "matches", year, matches);
        }

        var progress = await ProgressAsync(program, 2019, null);

        Assert.Equal("令和元年度", progress.GetProperty("fiscalYearName").GetString());
        AssertLines(progress, "consultations", ("214", "107.0%"), ("187", "93.5%"), ("205", "102.5%"), ("606", "101.0%"));
        AssertLines(progress, "matches", ("15", "100.0%"), ("20", "133.3%"), ("9", "60.0%"), ("44", "97.8%"));
        AssertLines(await ProgressAsync(program, 2018, null), "matches", ("15", "100.0%"), ("20", "133.3%"), (null, "-"), ("35", "77.8%"));
    }

    [Fact]
    public async Task Kitami_plan_with_targets_as_of_the_end_of_March_of_each_year()
    {
        var (program, office) = await NewProgramAsync("北見市 ICT 人材拠点");
        // 平成29年3月末 = the end of FY2016; "-" in the plan is a year without a target.
        await DefineAsync(office, program, new
        {
            code = "new-movers", name = "新規移動人数", unit = "人", direction = "increase", source = "entered", targets = Increments(2016, 10, 50, 50),
        });
        await DefineAsync(office, program, new
        {
            code = "new-companies", name = "新規参加企業数", unit = "社", direction = "increase", source = "entered", targets = Increments(2017, 10, 10),
        });
        await DefineAsync(office, program, new
        {
            code = "offices-opened", name = "進出企業数", unit = "社", direction = "increase", source = "entered", targets = Increments(2017, 1, 1),
        });
        await EnterAsync(office, program, "new-movers", 2016, 12);
        await EnterAsync(office, program, "new-movers", 2017, 38);
        await EnterAsync(office, program, "new-companies", 2017, 7);
        await EnterAsync(office, program, "offices-opened", 2017, 0);
        await EnterAsync(office, program, "offices-opened", 2018, 2);

        var progress = await ProgressAsync(program, 2018, null);

        AssertLines(progress, "new-movers", ("12", "120.0%"), ("38", "76.0%"), (null, "-"));
        AssertLines(progress, "new-companies", ("7", "70.0%"), (null, "-"));
        AssertLines(progress, "offices-opened", ("0", "0.0%"), ("2", "200.0%"));
    }

    [Fact]
    public async Task A_running_total_to_date_gives_the_year_its_increase_and_a_year_left_empty_stays_unknown()
    {
        var (program, office) = await NewProgramAsync("北海道 累計テスト");
        await DefineAsync(office, program, HokkaidoHires);
        // FY2017 taken by its increase, FY2018 by the plan's running total (31 + 11 = 42); FY2019 left empty.
        await EnterAsync(office, program, "hires-from-outside", 2017, 31);
        await EnterTotalAsync(office, program, "hires-from-outside", 2018, 42);

        AssertLines(await ProgressAsync(program, 2018, null), "hires-from-outside", ("31", "106.9%"), ("11", "37.9%"), (null, "-"), ("42", "48.3%"));
        AssertLines(await ProgressAsync(program, 2019, null), "hires-from-outside", ("31", "106.9%"), ("11", "37.9%"), (null, "-"), (null, "-"));
        var history = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/hires-from-outside/entries");
        Assert.Equal(["actual", "total"], history.EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_running_total_stands_for_years_not_entered_one_by_one_without_making_them_zero()
    {
        var (program, office) = await NewProgramAsync("累計のみテスト");
        await DefineAsync(office, program, new
        {
            code = "hires", name = "道外からの就職者数", unit = "人", direction = "increase", source = "entered",
            targets = Increments(2017, 29, 29, 29).Append(Cumulative(2017, 2019, 87)),
        });
        await EnterTotalAsync(office, program, "hires", 2018, 42);
        var onlyTotal = await ProgressAsync(program, 2018, null);
        // A correction by its increase supersedes the year's total: the latest entry of a year decides.
        await EnterAsync(office, program, "hires", 2017, 30);
        await EnterAsync(office, program, "hires", 2018, 15);

        AssertLines(onlyTotal, "hires", (null, "-"), (null, "-"), (null, "-"), ("42", "48.3%"));
        AssertLines(await ProgressAsync(program, 2018, null), "hires", ("30", "103.4%"), ("15", "51.7%"), (null, "-"), ("45", "51.7%"));
    }

    [Fact]
    public async Task A_running_total_is_refused_for_a_counted_kpi_and_for_a_year_outside_the_plan()
    {
        var (program, office) = await NewProgramAsync("累計の検証テスト");
        await DefineAsync(office, program, new
        {
            code = "counted", name = "相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation", targets = Increments(2017, 10),
        });
        await DefineAsync(office, program, new
        {
            code = "hires", name = "就職者数", unit = "人", direction = "increase", source = "entered", targets = Increments(2017, 29, 29),
        });

        var counted = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/counted/totals/2017", new { value = 5 });
        var before = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/hires/totals/2016", new { value = 5 });
        var after = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/hires/totals/2019", new { value = 5 });
        var empty = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/hires/totals/2018", new { note = "値なし" });

        Assert.True((await Problem.ReadAsync(counted, HttpStatusCode.BadRequest)).Errors.ContainsKey("value"));
        Assert.Contains("2017〜2018", Assert.Single((await Problem.ReadAsync(before, HttpStatusCode.BadRequest)).Errors["fiscalYear"]), StringComparison.Ordinal);
        Assert.True((await Problem.ReadAsync(after, HttpStatusCode.BadRequest)).Errors.ContainsKey("fiscalYear"));
        Assert.True((await Problem.ReadAsync(empty, HttpStatusCode.BadRequest)).Errors.ContainsKey("value"));
        Assert.Equal(0, fixture.Product.Count("programs", $"kpi_entries WHERE program = '{program}'"));
    }

    [Fact]
    public async Task Decrease_level_reference_and_at_least_baseline_targets_follow_the_published_rule()
    {
        var (program, office) = await NewProgramAsync("規則テスト");
        await DefineAsync(office, program, new
        {
            code = "early-leavers", name = "早期離職者数", unit = "人", direction = "decrease", source = "entered", baseline = 15,
            targets = new object[] { new { kind = "level", fiscalYear = 2020, value = 10 }, new { kind = "level", fiscalYear = 2021, value = 10 } },
        });
        await DefineAsync(office, program, new
        {
            code = "placement-rate", name = "就職率", nameEn = "Placement rate", unit = "%", direction = "increase", source = "entered",
            targets = new object[] { new { kind = "reference", fiscalYear = 2020 } },
        });
        await DefineAsync(office, program, new
        {
            code = "member-companies", name = "会員企業数", unit = "社", direction = "increase", source = "entered", baseline = 38,
            targets = new object[] { new { kind = "atLeastBaseline", fiscalYear = 2020 } },
        });
        await EnterAsync(office, program, "early-leavers", 2020, 12);
        await EnterAsync(office, program, "early-leavers", 2021, 16);
        await EnterAsync(office, program, "placement-rate", 2020, 70m);
        await EnterAsync(office, program, "member-companies", 2020, 40);

        var before = await ProgressAsync(program, 2021, null);
        AssertLines(before, "early-leavers", ("12", "83.3%"), ("16", "0.0%"));
        AssertLines(before, "placement-rate", ("70", "-"));
        AssertLines(before, "member-companies", ("40", "105.3%"));

        // The national average of the year arrives later and becomes the target.
        (await office.PutAsJsonAsync($"/api/programs/{program}/kpis/placement-rate/references/2020", new { value = 62.5m, note = "全国平均値" })).EnsureSuccessStatusCode();
        AssertLines(await ProgressAsync(program, 2021, null), "placement-rate", ("70", "112.0%"));
    }

    [Fact]
    public async Task A_corrected_actual_supersedes_the_old_one_which_stays_in_the_history()
    {
        var (program, office) = await NewProgramAsync("訂正テスト");
        await DefineAsync(office, program, new
        {
            code = "movers", name = "移住者数", unit = "人", direction = "increase", source = "entered", targets = Increments(2024, 40),
        });
        await EnterAsync(office, program, "movers", 2024, 30);
        await EnterAsync(office, program, "movers", 2024, 27, "県統計の確定値に訂正");

        AssertLines(await ProgressAsync(program, 2024, null), "movers", ("27", "67.5%"));
        var history = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/movers/entries");
        Assert.Equal([30m, 27m], history.EnumerateArray().Select(e => e.GetProperty("value").GetDecimal()));
        var me = await office.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.All(history.EnumerateArray(), e => Assert.Equal(me.GetProperty("displayName").GetString(), e.GetProperty("enteredBy").GetString()));
        Assert.All(history.EnumerateArray(), e => Assert.Equal(me.GetProperty("id").GetGuid(), e.GetProperty("enteredById").GetGuid()));
        Assert.Equal("県統計の確定値に訂正", history[1].GetProperty("note").GetString());
    }

    [Fact]
    public async Task A_voided_consultation_leaves_the_count_and_the_progress()
    {
        var (program, office) = await NewProgramAsync("取消テスト");
        await DefineAsync(office, program, new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = Increments(2025, 4),
        });
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var first = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 5, 1));
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 6, 1));
        await ProgressWhenAsync(program, 2025, null, p => Actual(p, "consultations", 0) == 2);

        var voided = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations/{first}/void", new { reason = "重複入力", version = 1 });
        Assert.Equal(HttpStatusCode.NoContent, voided.StatusCode);

        var after = await ProgressWhenAsync(program, 2025, null, p => Actual(p, "consultations", 0) == 1);
        AssertLines(after, "consultations", ("1", "25.0%"));
    }

    [Fact]
    public async Task A_locked_year_keeps_its_published_figures_and_lists_later_corrections_apart()
    {
        var (program, office) = await NewProgramAsync("確定テスト");
        await DefineAsync(office, program, new
        {
            code = "movers", name = "移住者数", unit = "人", direction = "increase", source = "entered", targets = Increments(2024, 40),
        });
        await DefineAsync(office, program, new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = Increments(2024, 4),
        });
        await EnterAsync(office, program, "movers", 2024, 30);
        var company = await fixture.Slice.RegisterCompanyAsync(program);
        var first = await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2024, 10, 1));
        await fixture.Slice.LogConsultationAsync(program, company, new DateOnly(2025, 2, 1));
        await ProgressWhenAsync(program, 2024, null, p => Actual(p, "consultations", 0) == 2);

        var locked = await office.PostAsync($"/api/programs/{program}/kpis/locks/2024", null);
        Assert.Equal(HttpStatusCode.Created, locked.StatusCode);
        await Problem.ReadAsync(await office.PostAsync($"/api/programs/{program}/kpis/locks/2024", null), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Product.Client.PostAsync($"/api/programs/{program}/kpis/locks/2024", null)).StatusCode);

        // Corrections after publication: a corrected statistic, and a consultation voided as a duplicate.
        await EnterAsync(office, program, "movers", 2024, 27);
        (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations/{first}/void", new { reason = "重複入力", version = 1 })).EnsureSuccessStatusCode();
        var published = await ProgressWhenAsync(program, 2024, null, p => p.GetProperty("afterPublication").GetArrayLength() == 2);

        AssertLines(published, "movers", ("30", "75.0%"));
        AssertLines(published, "consultations", ("2", "50.0%"));
        Assert.StartsWith("office-", published.GetProperty("published").GetProperty("lockedBy").GetString());
        var corrections = published.GetProperty("afterPublication").EnumerateArray()
            .ToDictionary(c => c.GetProperty("code").GetString()!, c => (c.GetProperty("actual").GetDecimal(), c.GetProperty("progressText").GetString()));
        Assert.Equal((27m, "67.5%"), corrections["movers"]);
        Assert.Equal((1m, "25.0%"), corrections["consultations"]);
        Assert.All(published.GetProperty("afterPublication").EnumerateArray(), c =>
            Assert.Equal(("yearly", 2024, 2024), (c.GetProperty("kind").GetString(), c.GetProperty("fromFiscalYear").GetInt32(), c.GetProperty("toFiscalYear").GetInt32())));
        // Asked for a date, the report computes today's figures.
        AssertLines(await ProgressAsync(program, 2024, "2025-03-31"), "movers", ("27", "67.5%"));
    }

    [Fact]
    public async Task Bad_definitions_and_entries_are_refused_on_their_field_and_write_nothing()
    {
        var (program, office) = await NewProgramAsync("検証テスト");
        var bad = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "Bad Code", name = "", unit = "件", direction = "increase", source = "counted", countedKind = "placements",
            baseline = 1.23456m, targets = new object[] { new { kind = "cumulative", fromFiscalYear = 2019, toFiscalYear = 2017, value = 10 } },
        });
        var problem = await Problem.ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.True(problem.Errors.ContainsKey("code"));
        Assert.True(problem.Errors.ContainsKey("name"));
        Assert.True(problem.Errors.ContainsKey("countedKind"));
        Assert.True(problem.Errors.ContainsKey("baseline"));
        Assert.Contains(problem.Errors.Keys, k => k.StartsWith("targets[0]", StringComparison.Ordinal));
        Assert.Empty((await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis")).EnumerateArray());

        await DefineAsync(office, program, new
        {
            code = "counted", name = "相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation", targets = Increments(2025, 10),
        });
        var duplicate = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "counted", name = "相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation", targets = Increments(2025, 10),
        });
        await Problem.ReadAsync(duplicate, HttpStatusCode.Conflict);
        var entered = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/counted/actuals/2025", new { value = 5 });
        Assert.True((await Problem.ReadAsync(entered, HttpStatusCode.BadRequest)).Errors.ContainsKey("value"));
        var unknown = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/nothing/actuals/2025", new { value = 5 });
        await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(0, fixture.Product.Count("programs", $"kpi_entries WHERE program = '{program}'"));
    }

    [Fact]
    public async Task A_kpi_defined_by_mistake_is_deleted_until_a_value_or_a_published_year_rests_on_it()
    {
        var (program, office) = await NewProgramAsync("削除テスト");
        await DefineAsync(office, program, new
        {
            code = "typo", name = "移住者数（誤り）", unit = "人", direction = "increase", source = "entered", targets = Increments(2024, 4000),
        });
        await DefineAsync(office, program, HokkaidoHires);
        await DefineAsync(office, program, new
        {
            code = "published", name = "新規参加企業数", unit = "社", direction = "increase", source = "entered", targets = Increments(2017, 10),
        });
        var deleted = await office.DeleteAsync($"/api/programs/{program}/kpis/typo");
        await EnterAsync(office, program, "hires-from-outside", 2017, 31);
        (await office.PostAsync($"/api/programs/{program}/kpis/locks/2017", null)).EnsureSuccessStatusCode();

        var withEntries = await office.DeleteAsync($"/api/programs/{program}/kpis/hires-from-outside");
        var inPublishedYear = await office.DeleteAsync($"/api/programs/{program}/kpis/published");
        var unknown = await office.DeleteAsync($"/api/programs/{program}/kpis/typo");
        var byCoordinator = await fixture.Product.Client.DeleteAsync($"/api/programs/{program}/kpis/published");
        await DefineAsync(office, program, new
        {
            code = "typo", name = "移住者数", unit = "人", direction = "increase", source = "entered", targets = Increments(2024, 40),
        });

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Contains("値が入力された指標", (await Problem.ReadAsync(withEntries, HttpStatusCode.Conflict)).Title, StringComparison.Ordinal);
        Assert.Contains("確定（公表）した年度", (await Problem.ReadAsync(inPublishedYear, HttpStatusCode.Conflict)).Title, StringComparison.Ordinal);
        await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        // Defined again, the code comes last, once: the deleted one left no targets behind.
        var kpis = (await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis")).EnumerateArray().ToList();
        Assert.Equal(["hires-from-outside", "published", "typo"], kpis.Select(k => k.GetProperty("code").GetString()));
        Assert.Equal([40m], kpis[2].GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("value").GetDecimal()));
    }

    [Fact]
    public async Task Coordinators_read_progress_but_only_the_office_defines_kpis_and_enters_actuals()
    {
        var (program, office) = await NewProgramAsync("権限テスト");
        await DefineAsync(office, program, new
        {
            code = "movers", name = "移住者数", unit = "人", direction = "increase", source = "entered", targets = Increments(2025, 10),
        });
        var coordinator = fixture.Product.Client;

        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/programs/{program}/kpis/progress?fiscalYear=2025")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PutAsJsonAsync($"/api/programs/{program}/kpis/movers/actuals/2025", new { value = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"/api/programs/{program}/kpis", new { code = "x1" })).StatusCode);
    }

    [Theory]
    [InlineData(2100)]
    [InlineData(2026)] // runs to 31 March 2027
    public async Task A_fiscal_year_that_has_not_ended_cannot_be_locked(int fiscalYear)
    {
        var (program, office) = await NewProgramAsync("未終了年度テスト");

        var refused = await Problem.ReadAsync(await office.PostAsync($"/api/programs/{program}/kpis/locks/{fiscalYear}", null), HttpStatusCode.BadRequest);

        Assert.Contains("終わった年度だけ", Assert.Single(refused.Errors["fiscalYear"]), StringComparison.Ordinal);
        Assert.Equal(0, fixture.Product.Count("programs", $"kpi_year_locks WHERE program = '{program}'"));
    }

    private static IEnumerable<object> Increments(int firstYear, params int[] values) =>
        values.Select((v, i) => (object)new { kind = "yearly", fiscalYear = firstYear + i, value = v });

    private static object Cumulative(int from, int to, int value) => new { kind = "cumulative", fromFiscalYear = from, toFiscalYear = to, value };

    private async Task<(string Program, HttpClient Office)> NewProgramAsync(string name)
    {
        var program = "kpi-" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Slice.CreateProgramAsync(program, name);
        return (program, await TestUsers.MemberAsync(fixture.Product.Admin, program, "office"));
    }

    private static async Task DefineAsync(HttpClient office, string program, object definition)
    {
        var response = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", definition);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    private static async Task EnterAsync(HttpClient office, string program, string code, int year, decimal value, string? note = null)
    {
        var response = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/{code}/actuals/{year}", new { value, note });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task EnterTotalAsync(HttpClient office, string program, string code, int year, decimal value)
    {
        var response = await office.PutAsJsonAsync($"/api/programs/{program}/kpis/{code}/totals/{year}", new { value });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> ProgressAsync(string program, int fiscalYear, string? asOf) =>
        await fixture.Product.Client.GetFromJsonAsync<JsonElement>(
            $"/api/programs/{program}/kpis/progress?fiscalYear={fiscalYear}" + (asOf is null ? "" : $"&asOf={asOf}"));

    /// <summary>Counted KPIs follow events a moment after they happen: waits until the condition holds.</summary>
    private async Task<JsonElement> ProgressWhenAsync(string program, int fiscalYear, string? asOf, Func<JsonElement, bool> condition)
    {
        JsonElement progress = default;
        await Poll.UntilAsync(async () => condition(progress = await ProgressAsync(program, fiscalYear, asOf)), Slice.Eventually, "the counted KPI");
        return progress;
    }

    private static JsonElement Kpi(JsonElement progress, string code) =>
        progress.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("code").GetString() == code);

    private static decimal? Actual(JsonElement progress, string code, int line) =>
        Kpi(progress, code).GetProperty("lines")[line].GetProperty("actual") is { ValueKind: JsonValueKind.Number } a ? a.GetDecimal() : null;

    private static void AssertLines(JsonElement progress, string code, params (string? Actual, string Progress)[] expected)
    {
        var lines = Kpi(progress, code).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal(expected.Length, lines.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            var actual = lines[i].GetProperty("actual");
            Assert.Equal(expected[i].Actual, actual.ValueKind == JsonValueKind.Null ? null : actual.GetDecimal().ToString("0.####", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(expected[i].Progress, lines[i].GetProperty("progressText").GetString());
        }
    }
}
