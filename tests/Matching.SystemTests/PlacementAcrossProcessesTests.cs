using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.SystemTests;

/// <summary>
/// The whole story across separate processes on RabbitMQ: consultation → need → referral accepted → introduction →
/// interview → offer → placement → follow-ups at 1, 3, 6 and 12 months (Placements' clock moved on) → the person leaves at
/// month 8: retention at 6 months counted, at 12 not, and the firm's refund computed by its terms.
/// </summary>
public sealed class PlacementAcrossProcessesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int FiscalYearOf(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    [Fact]
    public async Task A_hire_followed_for_a_year_counts_its_placement_and_its_six_month_retention_but_not_twelve_after_leaving_at_month_eight()
    {
        await using var product = await DistributedProduct.StartAsync(more: ["candidates", "placements"]);
        var flow = await HiringFlow.CreateAsync(product.Admin, product.Client, "story", "オホーツク人材センター");
        var program = flow.Program;
        var start = Today;
        var year = FiscalYearOf(start);
        var sixMonths = start.AddMonths(6);
        await flow.DefineCountedKpiAsync("placements", "成約件数", "placement", year, 10);
        await flow.DefineCountedKpiAsync("from-outside", "道外からの就職", "placement-from-outside-prefecture", year, 5);
        await flow.DefineCountedKpiAsync("retained-6", "6 か月定着", "retained-6m", FiscalYearOf(sixMonths), 5);
        await flow.DefineCountedKpiAsync("retained-12", "12 か月定着", "retained-12m", FiscalYearOf(start.AddMonths(12)), 5);

        // The firm's fee: 30% of annual pay; refunds 80% within 1 month, 50% within 3, 30% within 6, 10% within 12.
        await Poll.UntilAsync(async () => (await flow.Office.PutAsJsonAsync($"/api/programs/{program}/fee-terms/{flow.FirmId}", new
        {
            kind = "share", sharePercent = 30, refundBands = new[] { new { withinMonths = 1, refundPercent = 80 }, new { withinMonths = 3, refundPercent = 50 },
                new { withinMonths = 6, refundPercent = 30 }, new { withinMonths = 12, refundPercent = 10 } },
        })).StatusCode == HttpStatusCode.NoContent, Slice.Eventually, "Placements to know the firm");

        // Consultation → need → referral accepted → candidate introduced by the firm.
        var company = await flow.CompanyAsync("株式会社網走水産", "アバシリスイサン", "012114");
        var consultation = await product.Slice.LogConsultationAsync(program, company, Today.AddDays(-30));
        // Companies learns the consultation from an event, a moment after it was logged.
        HttpResponseMessage opened = null!;
        await Poll.UntilAsync(async () => (opened = await product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new
        {
            role = "品質管理責任者", employmentForm = "fullTime", consultationId = consultation,
        })).StatusCode != HttpStatusCode.BadRequest, Slice.Eventually, "Companies to know the consultation");
        await HiringFlow.EnsureAsync(opened);
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await flow.ReferAndAcceptAsync(need);
        var candidate = await flow.CandidateAsync(prefecture: "13", hometown: "01");
        var introduction = await flow.IntroduceAsync(need, candidate);
        var made = await flow.PlaceAsync(introduction, Today, start, 6_000_000);
        var placement = made.GetProperty("id").GetGuid();
        Assert.Equal(1_800_000, made.GetProperty("feeYen").GetInt64());
        Assert.Equal("u", made.GetProperty("turn").GetString());

        async Task<long> CountAsync(string code, int fiscalYear) =>
            (await flow.Office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/{code}/breakdown?fiscalYear={fiscalYear}&by=turn"))
            .GetProperty("total").GetInt64();
        await Poll.UntilAsync(async () => await CountAsync("placements", year) == 1 && await CountAsync("from-outside", year) == 1,
            Slice.Eventually, "the placement counted, from outside the prefecture");
        var needNow = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{need}");
        await Poll.UntilAsync(async () => (await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{need}"))
            .GetProperty("status").GetString() == "filled", Slice.Eventually, "the need filled by its one placement");

        // Placements' clock moves on; each follow-up is recorded once it is due.
        var placements = product.Others["placements"];
        async Task MoveClockAsync(int days)
        {
            await placements.KillAsync();
            await placements.StartAgainAsync(product.ServiceSettings("placements", "--Matching:Clock:Offset", $"{days}.00:00:00",
                "--Matching:Placements:SweepInterval", "00:00:00.500"));
        }
        async Task<JsonElement> PlacementAsync() => await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/placements/{placement}");
        async Task RecordAsync(int month)
        {
            var followUp = (await PlacementAsync()).GetProperty("followUps").EnumerateArray().Single(f => f.GetProperty("month").GetInt32() == month);
            var due = DateOnly.Parse(followUp.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture);
            await HiringFlow.EnsureAsync(await product.Client.PostAsJsonAsync($"/api/programs/{program}/follow-ups/{followUp.GetProperty("id").GetGuid()}", new
            {
                contactedOn = Day(due), channel = "visit", contactedCompany = true, contactedPerson = true, satisfaction = 4, stillEmployed = true,
                issues = month == 6 ? "夜勤の負担が大きい" : null,
            }));
        }

        var schedule = (await PlacementAsync()).GetProperty("followUps").EnumerateArray()
            .Select(f => (Month: f.GetProperty("month").GetInt32(), Due: DateOnly.Parse(f.GetProperty("dueOn").GetString()!, CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([1, 3, 6, 12], schedule.Select(s => s.Month));
        foreach (var (month, due) in schedule.Where(s => s.Month < 12))
        {
            await MoveClockAsync(due.DayNumber - Today.DayNumber + 1);
            await RecordAsync(month);
        }
        // Past six months: the sweep counts the 6-month retention.
        await Poll.UntilAsync(async () => await CountAsync("retained-6", FiscalYearOf(sixMonths)) == 1, Slice.Eventually, "the 6-month retention counted");
        Assert.Equal(Day(sixMonths), (await PlacementAsync()).GetProperty("placement").GetProperty("retained6On").GetString());

        // The person leaves at month 8; the refund is 10% of the fee (within 12 months).
        var left = start.AddMonths(8);
        await MoveClockAsync(left.DayNumber - Today.DayNumber + 3);
        var current = await PlacementAsync();
        var ended = await product.Client.PostAsJsonAsync($"/api/programs/{program}/placements/{placement}/end", new
        {
            version = current.GetProperty("placement").GetProperty("version").GetInt32(), endedOn = Day(left), reason = "family",
        });
        await HiringFlow.EnsureAsync(ended);
        Assert.Equal(180_000, (await ended.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("refundYen").GetInt64());

        // A year on: no 12-month retention, the 12-month follow-up was called off, and the 6-month count stands.
        await MoveClockAsync(start.AddMonths(13).DayNumber - Today.DayNumber);
        await Poll.UntilAsync(() => Task.FromResult(product.Scalar("placements", $"SELECT COUNT(*) FROM placements WHERE id = '{placement}' AND retention_open = 0") == 1),
            Slice.Eventually, "the sweep to close the placement's retention");
        var final = await PlacementAsync();
        Assert.Equal(JsonValueKind.Null, final.GetProperty("placement").GetProperty("retained12On").ValueKind);
        Assert.Equal("ended", final.GetProperty("placement").GetProperty("status").GetString());
        Assert.Equal(180_000, final.GetProperty("placement").GetProperty("refundYen").GetInt64());
        Assert.Equal(["done", "done", "done", "cancelled"], final.GetProperty("followUps").EnumerateArray().Select(f => f.GetProperty("status").GetString()));
        Assert.Equal(0, await CountAsync("retained-12", FiscalYearOf(start.AddMonths(12))));
        Assert.Equal(1, await CountAsync("retained-6", FiscalYearOf(sixMonths)));
        Assert.Equal(1, await CountAsync("placements", year));
        Assert.Equal(0, product.Scalar("programs", "SELECT COUNT(*) FROM counted_events WHERE kind = 'retained-12m'"));
        _ = needNow;
    }
}
