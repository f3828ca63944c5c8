using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Placements.Tests;

/// <summary>
/// The Hokkaido Professional Talent Center's reported figures for FY2018 up to 31 July (../shared/DOMAIN.md: 71 consultations,
/// 40 handoffs, 31 hires of which 11 from outside Hokkaido, 2 seminars), produced by the real flow through the API — every
/// hire a need referred, accepted, introduced, interviewed, offered and placed — and read back as the plan's KPI progress.
/// </summary>
public sealed class HokkaidoFiguresTests
{
    private const string Kana = "アイウエオカキクケコ";

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_FY2018_figures_to_the_end_of_July_come_out_of_the_flow_and_stand_against_the_plan()
    {
        // The program's day is 31 July 2018 (平成30年): what it records is dated as the center recorded it.
        var clock = new ShiftedClock(new DateTimeOffset(2018, 7, 31, 17, 0, 0, TimeSpan.FromHours(9)));
        await using var product = await EmbeddedProduct.StartAsync(clock);
        var flow = await HiringFlow.CreateAsync(product.Admin, product.Client, "hokkaido", "北海道プロフェッショナル人材戦略拠点");
        var program = flow.Program;
        object[] Plan(int baseline, int yearly, int cumulative) =>
        [
            new { kind = "yearly", fiscalYear = 2017, value = yearly }, new { kind = "yearly", fiscalYear = 2018, value = yearly },
            new { kind = "yearly", fiscalYear = 2019, value = yearly }, new { kind = "cumulative", fromFiscalYear = 2017, toFiscalYear = 2019, value = cumulative },
        ];
        foreach (var (code, name, kind, baseline, yearly, cumulative) in new[]
                 {
                     ("hires-from-outside", "道外プロフェッショナル人材が道内企業に就職した人数", "placement-from-outside-prefecture", 2, 29, 87),
                     ("consultations", "経営者との相談件数", "consultation", 223, 250, 750),
                     ("hires", "プロフェッショナル人材の就職件数", "placement", 12, 30, 90),
                     ("handoffs", "民間人材ビジネス事業者への取次件数", "handoff", 70, 60, 180),
                     ("seminars", "セミナー・イベントの開催数", "seminar-held", 0, 6, 18),
                 })
        {
            await HiringFlow.EnsureAsync(await flow.Office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
            {
                code, name, unit = "件", direction = "increase", source = "counted", countedKind = kind, baseline, baselineLabel = "事業開始前",
                targets = Plan(baseline, yearly, cumulative),
            }));
        }

        // 40 companies, each consulted; 31 more consultations on the way (71 in all), April to July.
        var companies = new List<Guid>();
        for (var i = 0; i < 40; i++)
            companies.Add(await flow.CompanyAsync($"株式会社道内テスト{i:00}", $"ドウナイテスト{i:00}", i % 2 == 0 ? "011002" : "012084"));
        var consultations = 0;
        for (var i = 0; i < 71; i++)
        {
            var day = new DateOnly(2018, 4, 2).AddDays(i * 119 / 71);
            await product.Slice.LogConsultationAsync(program, companies[i % 40], day);
            consultations++;
        }
        // Two seminars.
        foreach (var (day, title) in new[] { (new DateOnly(2018, 5, 22), "プロフェッショナル人材活用セミナー（札幌）"), (new DateOnly(2018, 7, 10), "経営者向け人材戦略セミナー（旭川）") })
            await HiringFlow.EnsureAsync(await product.Client.PostAsJsonAsync($"/api/programs/{program}/seminars", new
            {
                date = Day(day), kind = "seminar", title, place = "札幌市", participants = 35,
            }));

        // 40 needs handed to the registered firm (40 handoffs), each accepted; 31 of them end in a hire, 11 of those by
        // professionals living outside Hokkaido at the time.
        var hires = new List<(Guid Need, Guid Candidate)>();
        for (var i = 0; i < 40; i++)
        {
            var need = await flow.NeedAsync(companies[i], i % 3 == 0 ? "営業部長" : "生産技術マネージャー", openedOn: new DateOnly(2018, 4, 10).AddDays(i));
            await flow.ReferAndAcceptAsync(need);
            if (i < 31)
            {
                var outside = i < 11;
                var candidate = await flow.CandidateAsync(prefecture: outside ? (i % 2 == 0 ? "13" : "27") : "01", hometown: "01",
                    name: $"候補 {i:00}", kana: "コウホ " + Kana[i / 10] + Kana[i % 10]);
                hires.Add((need, candidate));
            }
        }
        var placed = 0;
        foreach (var (need, candidate, i) in hires.Select((h, i) => (h.Need, h.Candidate, i)))
        {
            var introduction = await flow.IntroduceAsync(need, candidate);
            var accepted = new DateOnly(2018, 5, 1).AddDays(i * 2);
            await flow.PlaceAsync(introduction, accepted, accepted.AddDays(30));
            placed++;
        }

        var report = await ProgressWhenAsync(flow, p => Actual(p, "hires", 2018) == 31 && Actual(p, "consultations", 2018) == 71
                                                     && Actual(p, "handoffs", 2018) == 40 && Actual(p, "seminars", 2018) == 2
                                                     && Actual(p, "hires-from-outside", 2018) == 11);

        Assert.Equal((71, 31), (consultations, placed));
        Assert.Equal("平成30年度", report.GetProperty("fiscalYearName").GetString());
        Assert.Equal("2018-07-31", report.GetProperty("asOf").GetString());
        // 11 of the yearly 29 (37.9%); the FY2017–2019 cumulative 87 so far holds those 11 (12.6%).
        Assert.Equal("37.9%", Line(report, "hires-from-outside", "yearly", 2018).GetProperty("progressText").GetString());
        Assert.Equal("12.6%", Line(report, "hires-from-outside", "cumulative", 2017).GetProperty("progressText").GetString());
        Assert.Equal("28.4%", Line(report, "consultations", "yearly", 2018).GetProperty("progressText").GetString());
        Assert.Equal("103.3%", Line(report, "hires", "yearly", 2018).GetProperty("progressText").GetString());
        Assert.Equal("66.7%", Line(report, "handoffs", "yearly", 2018).GetProperty("progressText").GetString());
        Assert.Equal("33.3%", Line(report, "seminars", "yearly", 2018).GetProperty("progressText").GetString());
        // The same figures, as the office downloads them for the council.
        var csv = await flow.Office.GetStringAsync($"/api/programs/{program}/kpis/progress.csv?fiscalYear=2018&asOf=2018-07-31");
        Assert.Contains("道外プロフェッショナル人材が道内企業に就職した人数", csv, StringComparison.Ordinal);
        Assert.Contains("37.9%", csv, StringComparison.Ordinal);
    }

    private static JsonElement Kpi(JsonElement report, string code) =>
        report.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("code").GetString() == code);

    private static JsonElement Line(JsonElement report, string code, string kind, int fromYear) =>
        Kpi(report, code).GetProperty("lines").EnumerateArray()
            .First(l => l.GetProperty("kind").GetString() == kind && l.GetProperty("fromFiscalYear").GetInt32() == fromYear);

    private static decimal? Actual(JsonElement report, string code, int year) =>
        Line(report, code, "yearly", year).GetProperty("actual") is { ValueKind: JsonValueKind.Number } a ? a.GetDecimal() : null;

    private static async Task<JsonElement> ProgressWhenAsync(HiringFlow flow, Func<JsonElement, bool> done)
    {
        JsonElement report = default;
        await Poll.UntilAsync(async () =>
        {
            report = await flow.Office.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/kpis/progress?fiscalYear=2018&asOf=2018-07-31");
            return done(report);
        }, TimeSpan.FromSeconds(120), "every figure of FY2018 to the end of July");
        return report;
    }
}
