using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Contracts.Placements;
using Matching.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Matching.Placements.Tests;

/// <summary>
/// Introductions and placements through the API of the embedded product: a firm introduces on its accepted referral, moves
/// its own introduction through the stages, places it; Programs counts the placement, the hire from outside the prefecture
/// and the introduction; the stage rules and a recruiter's view hold.
/// </summary>
public sealed class PlacementFlowTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private Task<HiringFlow> FlowAsync(string prefix) => HiringFlow.CreateAsync(Product.Admin, Product.Client, prefix);

    private static async Task<long> CountAsync(HiringFlow flow, string code, int fiscalYear)
    {
        var response = await flow.Office.GetAsync($"/api/programs/{flow.Program}/kpis/{code}/breakdown?fiscalYear={fiscalYear}&by=turn");
        await HiringFlow.EnsureAsync(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64();
    }

    private static async Task<JsonElement> BreakdownAsync(HiringFlow flow, string code, int fiscalYear, string by) =>
        await flow.Office.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/kpis/{code}/breakdown?fiscalYear={fiscalYear}&by={by}");

    private static int FiscalYearOf(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    [Fact]
    public async Task A_firm_introduces_on_its_accepted_referral_and_the_placement_counts_with_where_the_person_came_from()
    {
        var flow = await FlowAsync("hire");
        await flow.DefineCountedKpiAsync("placements", "成約件数", "placement", FiscalYearOf(Today), 10);
        await flow.DefineCountedKpiAsync("from-outside", "道外プロフェッショナル人材が道内企業に就職した人数", "placement-from-outside-prefecture", FiscalYearOf(Today), 5);
        await flow.DefineCountedKpiAsync("introductions", "紹介件数", "introduction", FiscalYearOf(Today), 30);
        var company = await flow.CompanyAsync();
        var need = await flow.NeedAsync(company);
        await flow.ReferAndAcceptAsync(need);
        var tokyo = await flow.CandidateAsync(prefecture: "13", hometown: "01");
        var sapporo = await flow.CandidateAsync(prefecture: "01", hometown: "01", name: "高橋 花子", kana: "タカハシ ハナコ");

        var first = await flow.IntroduceAsync(need, tokyo);
        var second = await flow.IntroduceAsync(need, sapporo);

        // The coordinator sees the need's pipeline; the history says who introduced and when.
        var pipeline = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions?needId={need}");
        Assert.Equal(2, pipeline.GetProperty("total").GetInt32());
        Assert.All(pipeline.GetProperty("items").EnumerateArray(), i => Assert.Equal("紹介", i.GetProperty("stageName").GetString()));
        Assert.All(pipeline.GetProperty("items").EnumerateArray(), i => Assert.Equal(HiringFlow.FirmName, i.GetProperty("firmName").GetString()));
        // The same candidate is not introduced for the same need twice.
        Assert.Equal(HttpStatusCode.Conflict, (await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions",
            new { needId = need, candidateId = tokyo })).StatusCode);

        var made = await flow.PlaceAsync(first, Today.AddDays(-1), Today.AddDays(30), 6_000_000);
        Assert.True(made.GetProperty("fromOutsidePrefecture").GetBoolean());
        Assert.Equal("u", made.GetProperty("turn").GetString());
        Assert.Equal(Day(Today.AddDays(-1)), made.GetProperty("countedOn").GetString());
        var local = await flow.PlaceAsync(second, Today, Today.AddDays(45), 5_000_000);
        Assert.False(local.GetProperty("fromOutsidePrefecture").GetBoolean());

        var details = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions/{first}");
        Assert.Equal(["introduced", "interview", "offer", "offerAccepted", "placed"],
            details.GetProperty("history").EnumerateArray().Select(s => s.GetProperty("stage").GetString()));
        Assert.Equal("代表取締役 佐藤、工場長 田中", details.GetProperty("history")[1].GetProperty("attendees").GetString());
        Assert.All(details.GetProperty("history").EnumerateArray(), s => Assert.False(string.IsNullOrEmpty(s.GetProperty("by").GetString())));
        var placement = details.GetProperty("placement");
        Assert.Equal([1, 3, 6, 12], placement.GetProperty("followUps").EnumerateArray().Select(f => f.GetProperty("month").GetInt32()));

        var year = FiscalYearOf(Today);
        await Poll.UntilAsync(async () => await CountAsync(flow, "placements", year) == 2 && await CountAsync(flow, "introductions", year) == 2,
            Slice.Eventually, "Programs to count both placements and introductions");
        Assert.Equal(1, await CountAsync(flow, "from-outside", year));
        var turns = await BreakdownAsync(flow, "placements", year, "turn");
        Assert.Equal(["Uターン", "県内から"], turns.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("label").GetString()).Order());
        var firms = await BreakdownAsync(flow, "placements", year, "firm");
        Assert.Equal(HiringFlow.FirmName, firms.GetProperty("rows")[0].GetProperty("label").GetString());
    }

    [Fact]
    public async Task The_from_outside_flag_stays_as_it_was_at_hire_when_the_candidate_moves_later()
    {
        var flow = await FlowAsync("moves");
        var company = await flow.CompanyAsync();
        var need = await flow.NeedAsync(company);
        await flow.ReferAndAcceptAsync(need);
        var candidate = await flow.CandidateAsync(prefecture: "27", hometown: "27");
        var introduction = await flow.IntroduceAsync(need, candidate);
        var made = await flow.PlaceAsync(introduction, Today, Today.AddDays(20));
        var placementId = made.GetProperty("id").GetGuid();

        // The person moves to Hokkaido for the job; the data bank is corrected.
        var current = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/candidates/{candidate}");
        var moved = await Product.Client.PutAsJsonAsync($"/api/programs/{flow.Program}/candidates/{candidate}", new
        {
            name = "鈴木 一郎", nameKana = "スズキ イチロウ", email = current.GetProperty("email").GetString(), prefectureCode = "01", municipalityCode = "012084",
            hometownPrefectureCode = "27", birthYear = 1980, employmentForms = new[] { "fullTime" }, remote = "none", status = "placed",
            version = current.GetProperty("version").GetInt32(),
        });
        await HiringFlow.EnsureAsync(moved);
        await Poll.UntilAsync(async () =>
            Product.Count("placements", $"candidates WHERE id = '{candidate}' AND prefecture_code = '01'") == 1, Slice.Eventually, "Placements to hear of the move");

        var placement = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/placements/{placementId}");
        Assert.True(placement.GetProperty("placement").GetProperty("fromOutsidePrefecture").GetBoolean());
        Assert.Equal("27", placement.GetProperty("placement").GetProperty("residencePrefectureCode").GetString());
        Assert.Equal("i", placement.GetProperty("placement").GetProperty("turn").GetString());

        // Introduced again now, for a second need, the same person is a local hire.
        var need2 = await flow.NeedAsync(company, "品質保証リーダー");
        await flow.ReferAndAcceptAsync(need2);
        var again = await flow.PlaceAsync(await flow.IntroduceAsync(need2, candidate), Today, Today.AddDays(60));
        Assert.False(again.GetProperty("fromOutsidePrefecture").GetBoolean());
    }

    [Fact]
    public async Task The_stage_rules_hold_and_a_recruiter_changes_and_sees_only_its_own_introductions()
    {
        var flow = await FlowAsync("stages");
        var company = await flow.CompanyAsync();
        var need = await flow.NeedAsync(company);
        await flow.ReferAndAcceptAsync(need);
        var introduction = await flow.IntroduceAsync(need, await flow.CandidateAsync());
        var withdrawn = await flow.IntroduceAsync(need, await flow.CandidateAsync(name: "田中 次郎", kana: "タナカ ジロウ"));

        // No placement without an accepted offer.
        await Problem.ReadAsync(await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions/{introduction}/placement",
            new { version = 1, startOn = Day(Today.AddDays(10)) }), HttpStatusCode.Conflict);
        // An ending needs a reason from the list; a placed stage is not set by hand.
        await Problem.ReadAsync(await flow.MoveAsync(withdrawn, "withdrawn"), HttpStatusCode.BadRequest);
        await Problem.ReadAsync(await flow.MoveAsync(withdrawn, "placed"), HttpStatusCode.BadRequest);
        await HiringFlow.EnsureAsync(await flow.MoveAsync(withdrawn, "withdrawn", reason: "candidateUnavailable"));
        // No stage change on a withdrawn introduction.
        await Problem.ReadAsync(await flow.MoveAsync(withdrawn, "interview"), HttpStatusCode.Conflict);
        // Forward only; interviews may repeat.
        await HiringFlow.EnsureAsync(await flow.MoveAsync(introduction, "interview", Today.AddDays(-3)));
        await HiringFlow.EnsureAsync(await flow.MoveAsync(introduction, "interview", Today.AddDays(-1)));
        await Problem.ReadAsync(await flow.MoveAsync(introduction, "screening"), HttpStatusCode.Conflict);
        // A stale version is refused.
        await Problem.ReadAsync(await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions/{introduction}/stage",
            new { stage = "offer", version = 1 }), HttpStatusCode.Conflict);

        // Another firm of the program: registered, with an accepted referral of its own, sees none of the first firm's.
        var other = await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/firms", new
        {
            name = "道東人材サービス株式会社", nameKana = "ドウトウジンザイサービス", licenceNumber = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}", status = "registered",
        });
        await HiringFlow.EnsureAsync(other);
        var otherFirm = (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var otherRecruiter = await TestUsers.MemberAsync(Product.Admin, flow.Program, "recruiter", firm: otherFirm.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await otherRecruiter.GetAsync($"/api/programs/{flow.Program}/introductions/{introduction}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherRecruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions/{introduction}/stage",
            new { stage = "offer", version = 3 })).StatusCode);
        await Poll.UntilAsync(async () => (await otherRecruiter.GetAsync($"/api/programs/{flow.Program}/introductions")).StatusCode == HttpStatusCode.OK,
            Slice.Eventually, "the other firm to be known");
        var list = await otherRecruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions");
        Assert.Equal(0, list.GetProperty("total").GetInt32());
        // Without an accepted referral of its own, the other firm introduces nobody for the need.
        await Problem.ReadAsync(await otherRecruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions",
            new { needId = need, candidateId = await flow.CandidateAsync(name: "佐々木 三郎", kana: "ササキ サブロウ") }), HttpStatusCode.Forbidden);
        var mine = await flow.Recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions");
        Assert.Equal(2, mine.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_placement_cancelled_before_its_start_leaves_every_count_once()
    {
        var flow = await FlowAsync("cancel");
        var year = FiscalYearOf(Today);
        await flow.DefineCountedKpiAsync("placements", "成約件数", "placement", year, 10);
        await flow.DefineCountedKpiAsync("from-outside", "道外からの就職", "placement-from-outside-prefecture", year, 5);
        var company = await flow.CompanyAsync();
        var need = await flow.NeedAsync(company);
        await flow.ReferAndAcceptAsync(need);
        var keptIntroduction = await flow.IntroduceAsync(need, await flow.CandidateAsync());
        var cancelledIntroduction = await flow.IntroduceAsync(need, await flow.CandidateAsync(name: "田中 次郎", kana: "タナカ ジロウ"));
        var kept = await flow.PlaceAsync(keptIntroduction, Today, Today.AddDays(30));
        var cancelled = await flow.PlaceAsync(cancelledIntroduction, Today, Today.AddDays(30));
        await Poll.UntilAsync(async () => await CountAsync(flow, "placements", year) == 2, Slice.Eventually, "both placements counted");

        var id = cancelled.GetProperty("id").GetGuid();
        await HiringFlow.EnsureAsync(await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/placements/{id}/cancel",
            new { version = 1, reason = "otherOffer" }));
        await Problem.ReadAsync(await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/placements/{id}/cancel",
            new { version = 2, reason = "otherOffer" }), HttpStatusCode.Conflict);

        await Poll.UntilAsync(async () => await CountAsync(flow, "placements", year) == 1, Slice.Eventually, "the cancelled placement to leave the count");
        Assert.Equal(1, await CountAsync(flow, "from-outside", year));
        var placement = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/placements/{id}");
        Assert.Equal("cancelled", placement.GetProperty("placement").GetProperty("status").GetString());
        Assert.All(placement.GetProperty("followUps").EnumerateArray(), f => Assert.Equal("cancelled", f.GetProperty("status").GetString()));
        Assert.Equal(kept.GetProperty("id").GetGuid(), (await Product.Client.GetFromJsonAsync<JsonElement>(
            $"/api/programs/{flow.Program}/placements?status=active")).GetProperty("items")[0].GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_cancel_delivered_twice_and_before_its_placement_keeps_the_placement_out_of_every_count()
    {
        var flow = await FlowAsync("order");
        var year = FiscalYearOf(Today);
        await flow.DefineCountedKpiAsync("placements", "成約件数", "placement", year, 10);
        await flow.DefineCountedKpiAsync("from-outside", "道外からの就職", "placement-from-outside-prefecture", year, 5);
        var bus = Product.Services.GetRequiredService<IBus>();
        var (placementId, need, company) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var cancelled = new PlacementCancelled(Guid.NewGuid(), flow.Program, DateTimeOffset.UtcNow, placementId, need, company, Today, "otherOffer", 0, 2);
        var made = new PlacementMade(Guid.NewGuid(), flow.Program, DateTimeOffset.UtcNow, placementId, Guid.NewGuid(), need, company, Guid.NewGuid(), null, null,
            Today, Today.AddDays(10), Today, year, "offerAccepted", "fullTime", 6_000_000, true, "13", "u", "012084", "E", 1, 1);
        var other = made with { EventId = Guid.NewGuid(), PlacementId = Guid.NewGuid() };

        await bus.Publish(cancelled, TestContext.Current.CancellationToken);
        await bus.Publish(cancelled with { EventId = Guid.NewGuid() }, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(() => Task.FromResult(Product.Count("programs", $"counted_events WHERE source_id = '{placementId}'") == 2),
            Slice.Eventually, "the early cancel remembered for both kinds");
        await bus.Publish(made, TestContext.Current.CancellationToken);
        await bus.Publish(made, TestContext.Current.CancellationToken);
        await bus.Publish(other, TestContext.Current.CancellationToken);
        await Poll.UntilAsync(async () => await CountAsync(flow, "placements", year) == 1, Slice.Eventually, "the other placement counted");
        await Poll.UntilAsync(() => Task.FromResult(Product.Count("programs", $"inbox_messages WHERE message_id = '{made.EventId}'") >= 1),
            Slice.Eventually, "the late placement handled");

        Assert.Equal(1, await CountAsync(flow, "placements", year));
        Assert.Equal(1, await CountAsync(flow, "from-outside", year));
        Assert.Equal(2, Product.Count("programs", $"counted_events WHERE source_id = '{placementId}' AND voided_at IS NOT NULL"));
    }

    [Fact]
    public async Task The_counting_rule_changes_only_from_a_fiscal_year_not_yet_begun_once_placements_exist()
    {
        var flow = await FlowAsync("rule");
        var thisYear = new DateOnly(FiscalYearOf(Today), 4, 1);

        // A program without placements chooses its rule from any 1 April.
        var early = await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/placement-settings/counting-rules", new { rule = "start", effectiveFrom = Day(thisYear) });
        await HiringFlow.EnsureAsync(early);
        await Problem.ReadAsync(await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/placement-settings/counting-rules",
            new { rule = "start", effectiveFrom = Day(thisYear.AddDays(1)) }), HttpStatusCode.BadRequest);

        var company = await flow.CompanyAsync();
        var need = await flow.NeedAsync(company);
        await flow.ReferAndAcceptAsync(need);
        var made = await flow.PlaceAsync(await flow.IntroduceAsync(need, await flow.CandidateAsync()), Today, Today.AddDays(40));
        Assert.Equal(Day(Today.AddDays(40)), made.GetProperty("countedOn").GetString());

        // Now a change mid-year is refused; from the next 1 April it is taken.
        var midYear = await Problem.ReadAsync(await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/placement-settings/counting-rules",
            new { rule = "offerAccepted", effectiveFrom = Day(thisYear) }), HttpStatusCode.BadRequest);
        Assert.True(midYear.Errors.ContainsKey("effectiveFrom"));
        var next = await flow.Office.PostAsJsonAsync($"/api/programs/{flow.Program}/placement-settings/counting-rules",
            new { rule = "offerAccepted", effectiveFrom = Day(thisYear.AddYears(1)) });
        await HiringFlow.EnsureAsync(next);
        var settings = await next.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("start", settings.GetProperty("countingRule").GetString());
        Assert.Equal(2, settings.GetProperty("countingRules").GetArrayLength());
        // Recruiters and coordinators do not set it.
        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/placement-settings/counting-rules",
            new { rule = "start", effectiveFrom = Day(thisYear.AddYears(2)) })).StatusCode);
    }

    [Fact]
    public async Task A_need_is_filled_when_its_placements_reach_its_openings_and_open_again_when_one_is_cancelled()
    {
        var flow = await FlowAsync("filled");
        var company = await flow.CompanyAsync();
        var opened = await Product.Client.PostAsJsonAsync($"/api/programs/{flow.Program}/companies/{company}/needs", new
        {
            role = "設計エンジニア", employmentForm = "fullTime", openings = 2,
        });
        await HiringFlow.EnsureAsync(opened);
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await flow.ReferAndAcceptAsync(need);
        var first = await flow.IntroduceAsync(need, await flow.CandidateAsync());
        var second = await flow.IntroduceAsync(need, await flow.CandidateAsync(name: "田中 次郎", kana: "タナカ ジロウ"));
        async Task<string> StatusAsync() =>
            (await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/needs/{need}")).GetProperty("status").GetString()!;

        await flow.PlaceAsync(first, Today, Today.AddDays(30));
        await Poll.UntilAsync(async () => Product.Count("companies", $"talent_needs WHERE id = '{need}' AND placement_sequence = 1") == 1,
            Slice.Eventually, "Companies to hear of the first placement");
        Assert.Equal("referred", await StatusAsync());
        var made = await flow.PlaceAsync(second, Today, Today.AddDays(30));
        await Poll.UntilAsync(async () => await StatusAsync() == "filled", Slice.Eventually, "the need to be filled by its two placements");
        // A filled need takes no further introductions, once Placements has heard of it.
        var third = await flow.CandidateAsync(name: "佐藤 三郎", kana: "サトウ サブロウ");
        await Poll.UntilAsync(async () => (await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions",
            new { needId = need, candidateId = third })).StatusCode == HttpStatusCode.Conflict, Slice.Eventually, "introductions to be refused");

        await HiringFlow.EnsureAsync(await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/placements/{made.GetProperty("id").GetGuid()}/cancel",
            new { version = 1, reason = "offerRevoked" }));
        await Poll.UntilAsync(async () => await StatusAsync() == "referred", Slice.Eventually, "the need to be open again (referred)");
    }

    [Fact]
    public async Task A_merged_duplicate_brings_its_consent_and_introductions_to_the_record_that_stays()
    {
        var flow = await FlowAsync("merge");
        var company = await flow.CompanyAsync();
        var first = await flow.NeedAsync(company);
        var second = await flow.NeedAsync(company, role: "品質保証リーダー");
        await flow.ReferAndAcceptAsync(first);
        await flow.ReferAndAcceptAsync(second);
        // The record that stays was registered without any consent to firms; the duplicate with one, and introduced.
        var keeper = (await (await Product.Client.PostAsJsonAsync($"/api/programs/{flow.Program}/candidates", new
        {
            name = "中村 健", nameKana = "ナカムラ ケン", email = "nakamura.ken@example.jp", prefectureCode = "13", hometownPrefectureCode = "01",
            birthYear = 1982, employmentForms = new[] { "fullTime" }, skills = Array.Empty<string>(), remote = "none",
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var duplicate = await flow.CandidateAsync(prefecture: "13", hometown: "01", name: "中村 健二", kana: "ナカムラ ケンジ");
        var introduced = await flow.IntroduceAsync(first, duplicate);
        Assert.Equal(HttpStatusCode.Forbidden, (await flow.Recruiter.PostAsJsonAsync($"/api/programs/{flow.Program}/introductions",
            new { needId = second, candidateId = keeper })).StatusCode);

        await HiringFlow.EnsureAsync(await Product.Client.PostAsJsonAsync($"/api/programs/{flow.Program}/candidates/{keeper}/merge",
            new { duplicateId = duplicate, version = 1 }));

        // The duplicate's consent now covers the record that stays, and its introduction is the kept person's.
        await flow.IntroduceAsync(second, keeper);
        var history = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions?candidateId={keeper}");
        Assert.Equal([first, second], history.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("needId").GetGuid()).Order());
        Assert.Contains(history.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == introduced);
        var left = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{flow.Program}/introductions?candidateId={duplicate}");
        Assert.Equal(0, left.GetProperty("total").GetInt32());
    }
}
