using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// 内訳: a counted KPI's actual by municipality and industry adds up to the actual, voids included; by coordinator every
/// coordinator of a consultation is credited, as main or as sub.
/// </summary>
public sealed class KpiBreakdownTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Consultations_break_down_by_municipality_and_industry_adding_up_to_the_count_and_credit_every_coordinator()
    {
        var program = $"bd-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "内訳テスト");
        using var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 250 } },
        })).EnsureSuccessStatusCode();
        var kitami = await Register(program, "株式会社北見精機", "キタミセイキ", "012084", "E");
        var sapporo = await Register(program, "札幌システム株式会社", "サッポロシステム", "011002", "G");
        await fixture.Slice.LogConsultationAsync(program, kitami, new DateOnly(2025, 5, 1));
        await Log(program, kitami, "2025-06-01", "鈴木 花子");
        await Log(program, kitami, "2025-07-01", "鈴木 花子", "山田 太郎");
        var voided = await Log(program, sapporo, "2025-08-01", "鈴木 花子");
        await Log(program, sapporo, "2025-09-01", "鈴木 花子");
        await Log(program, sapporo, "2026-04-01", "鈴木 花子");
        // Until the voided log is counted, the other four alone look like the end state; so the void is sent once all
        // five are counted (a void arriving before its log is OutOfOrderTests' case).
        await Poll.UntilAsync(async () => await fixture.Slice.ConsultationCountAsync(program, 2025) == 5, Slice.Eventually, "the five logs of 2025 to be counted");
        (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations/{voided}/void", new { reason = "重複", version = 1 }))
            .EnsureSuccessStatusCode();
        List<(string, long)> expectedMunicipalities = [("北海道 北見市", 3L), ("北海道 札幌市", 1L)];
        List<(string, long)> expectedIndustries = [("E 製造業", 3L), ("G 情報通信業", 1L)];
        // Every coordinator of a consultation is credited: 山田 太郎 as main on 5/1 and as sub on 7/1.
        List<(string, long)> expectedCoordinators = [("鈴木 花子", 3L), ("山田 太郎", 2L)];
        JsonElement byMunicipality = default, byIndustry = default, byCoordinator = default;
        await Poll.UntilAsync(async () =>
        {
            byMunicipality = await Breakdown(office, program, "municipality");
            byIndustry = await Breakdown(office, program, "industry");
            byCoordinator = await Breakdown(office, program, "coordinator");
            return Rows(byMunicipality).SequenceEqual(expectedMunicipalities) && Rows(byIndustry).SequenceEqual(expectedIndustries)
                   && Rows(byCoordinator).SequenceEqual(expectedCoordinators);
        }, Slice.Eventually, "every log and the void to be counted");

        Assert.Equal([("北海道 北見市", 3L), ("北海道 札幌市", 1L)], Rows(byMunicipality));
        Assert.Equal([("E 製造業", 3L), ("G 情報通信業", 1L)], Rows(byIndustry));
        Assert.Equal([("鈴木 花子", 3L), ("山田 太郎", 2L)], Rows(byCoordinator));
        Assert.Equal([3L, 1L], byCoordinator.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("asMain").GetInt64()));
        Assert.All(new[] { byMunicipality, byIndustry, byCoordinator }, b => Assert.Equal(4, b.GetProperty("total").GetInt64()));
        Assert.Equal(4L, await fixture.Slice.ConsultationCountAsync(program, 2025));
        await Problem.ReadAsync(await office.GetAsync($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&by=color"), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await office.GetAsync($"/api/programs/{program}/kpis/nothing/breakdown?fiscalYear=2025&by=industry"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_filtered_kpi_counts_only_its_facts_and_talent_needs_count_by_employment_form()
    {
        var program = $"flt-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "絞り込みテスト");
        using var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        async Task Define(object definition) =>
            Assert.Equal(HttpStatusCode.Created, (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", definition)).StatusCode);
        var yearly = new[] { new { kind = "yearly", fiscalYear = 2025, value = 10 } };
        await Define(new { code = "kitami-consultations", name = "北見市内企業との相談件数", unit = "件", direction = "increase", source = "counted",
            countedKind = "consultation", filter = new { municipalityCode = "012084" }, targets = yearly });
        await Define(new { code = "manufacturing", name = "製造業との相談件数", unit = "件", direction = "increase", source = "counted",
            countedKind = "consultation", filter = new { industry = "製造業" }, targets = yearly });
        await Define(new { code = "side-jobs", name = "副業・兼業の人材ニーズ", unit = "件", direction = "increase", source = "counted",
            countedKind = "need-opened", filter = new { employmentForm = "sideJob" }, targets = yearly });
        await Define(new { code = "needs", name = "人材ニーズ件数", unit = "件", direction = "increase", source = "counted",
            countedKind = "need-opened", targets = yearly });
        var bad = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "bad", name = "誤り", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            filter = new { municipalityCode = "012085", employmentForm = "volunteer" }, targets = yearly,
        });
        var problem = await Problem.ReadAsync(bad, HttpStatusCode.BadRequest);
        Assert.Equal(["filter.employmentForm", "filter.municipalityCode"], problem.Errors.Keys.Order());

        var kitami = await Register(program, "株式会社北見精機", "キタミセイキ", "012084", "E");
        var sapporo = await Register(program, "札幌製作所株式会社", "サッポロセイサクショ", "011002", "E");
        var it = await Register(program, "北見ソフト株式会社", "キタミソフト", "012084", "G");
        await Log(program, kitami, "2025-06-01", "鈴木 花子");
        await Log(program, sapporo, "2025-06-02", "鈴木 花子");
        await Log(program, it, "2025-06-03", "鈴木 花子");
        foreach (var (company, form) in new[] { (kitami, "sideJob"), (kitami, "fullTime"), (it, "sideJob") })
        {
            (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new
            {
                role = "DX 推進", employmentForm = form, openedOn = "2025-07-01",
            })).EnsureSuccessStatusCode();
        }

        JsonElement report = default;
        await Poll.UntilAsync(async () =>
        {
            report = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2025");
            // Every fact arrives on its own: wait until the last of them is counted in all four.
            return Actual(report, "needs") == 3 && Actual(report, "side-jobs") == 2
                   && Actual(report, "manufacturing") == 2 && Actual(report, "kitami-consultations") == 2;
        }, Slice.Eventually, "the facts to be counted");

        Assert.Equal(2, Actual(report, "kitami-consultations"));
        Assert.Equal(2, Actual(report, "manufacturing"));
        Assert.Equal(2, Actual(report, "side-jobs"));
        Assert.Equal(3, Actual(report, "needs"));
        var forms = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/needs/breakdown?fiscalYear=2025&by=employmentForm");
        Assert.Equal([("sideJob", 2L), ("fullTime", 1L)], Rows(forms));
        var filtered = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/kitami-consultations/breakdown?fiscalYear=2025&by=industry");
        Assert.Equal([("E 製造業", 1L), ("G 情報通信業", 1L)], Rows(filtered));
    }

    private static decimal? Actual(JsonElement report, string code) =>
        report.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("code").GetString() == code)
            .GetProperty("lines")[0].GetProperty("actual") is { ValueKind: JsonValueKind.Number } a ? a.GetDecimal() : null;

    private async Task<Guid> Register(string program, string name, string kana, string municipality, string industry)
    {
        var response = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies", new
        {
            name, nameKana = kana, prefectureCode = municipality[..2], municipalityCode = municipality, industry,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<Guid> Log(string program, Guid company, string date, params string[] coordinators)
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations",
                new { companyId = company, date, coordinators, channel = "visit" });
            return response.StatusCode != HttpStatusCode.BadRequest;
        }, Slice.Eventually, "the company to be known by Coordinators");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("municipality")]
    [InlineData("industry")]
    [InlineData("coordinator")]
    [InlineData("employmentForm")]
    public async Task A_year_without_facts_breaks_down_into_no_rows(string by)
    {
        var program = $"bd0-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "内訳なしテスト");
        using var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 250 } },
        })).EnsureSuccessStatusCode();

        using var response = await office.GetAsync($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&by={by}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var breakdown = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(0, breakdown.GetProperty("total").GetInt64());
        Assert.Empty(Rows(breakdown));
    }

    [Fact]
    public async Task A_filtered_kpi_of_a_year_without_facts_counts_zero_in_every_month()
    {
        var program = $"flt0-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "絞り込みなしテスト");
        using var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "manufacturers", name = "製造業との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            filter = new { industry = "E" }, targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 10 } },
        })).EnsureSuccessStatusCode();

        using var response = await office.GetAsync($"/api/programs/{program}/kpis/progress?fiscalYear=2025");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<JsonElement> Breakdown(HttpClient office, string program, string by) =>
        await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&by={by}");

    private static List<(string, long)> Rows(JsonElement breakdown) =>
        breakdown.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("label").GetString()!, r.GetProperty("count").GetInt64())).ToList();
}
