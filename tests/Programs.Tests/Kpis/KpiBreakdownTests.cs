using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>内訳: a counted KPI's actual by municipality, industry and coordinator adds up to the actual, voids included.</summary>
public sealed class KpiBreakdownTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Consultations_break_down_by_municipality_industry_and_coordinator_and_add_up_to_the_count()
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
        (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations/{voided}/void", new { reason = "重複", version = 1 }))
            .EnsureSuccessStatusCode();
        await Poll.UntilEqualAsync(() => fixture.Slice.ConsultationCountAsync(program, 2025), 4L, Slice.Eventually, "four counted in FY2025");

        var byMunicipality = await Breakdown(office, program, "municipality");
        var byIndustry = await Breakdown(office, program, "industry");
        var byCoordinator = await Breakdown(office, program, "coordinator");

        Assert.Equal([("012084（北海道）", 3L), ("011002（北海道）", 1L)], Rows(byMunicipality));
        Assert.Equal([("E 製造業", 3L), ("G 情報通信業", 1L)], Rows(byIndustry));
        Assert.Equal([("鈴木 花子", 3L), ("山田 太郎", 1L)], Rows(byCoordinator));
        Assert.All(new[] { byMunicipality, byIndustry, byCoordinator }, b => Assert.Equal(4, b.GetProperty("total").GetInt64()));
        await Problem.ReadAsync(await office.GetAsync($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&by=color"), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await office.GetAsync($"/api/programs/{program}/kpis/nothing/breakdown?fiscalYear=2025&by=industry"), HttpStatusCode.NotFound);
    }

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

    private static async Task<JsonElement> Breakdown(HttpClient office, string program, string by) =>
        await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&by={by}");

    private static List<(string, long)> Rows(JsonElement breakdown) =>
        breakdown.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("label").GetString()!, r.GetProperty("count").GetInt64())).ToList();
}
