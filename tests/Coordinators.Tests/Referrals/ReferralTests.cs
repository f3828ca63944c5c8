using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;

namespace Matching.Coordinators.Tests.Referrals;

/// <summary>
/// 取次: the office registers recruiting firms, a coordinator refers a need to registered ones, each firm sees only its own
/// referrals, anonymised until it accepts; the need's status follows its referrals; Programs counts the handoffs.
/// </summary>
public sealed class ReferralTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    private EmbeddedProduct Product => fixture.Product;

    private static object Firm(string name, string licence, object? extra = null) => new
    {
        name, nameKana = "カブシキガイシャ", licenceNumber = licence, headOffice = "札幌市中央区",
        areas = new[] { "01" }, industries = new[] { "E" }, specialties = new[] { "engineering", "sideJob" },
        contacts = new[] { new { name = "担当 一郎", email = "ichiro@example.jp", phone = "011-000-0000" } },
        feeRule = "理論年収の 30%", status = "registered",
    };

    private static string Licence() => $"01-ユ-{Random.Shared.Next(0, 999_999):000000}";

    private async Task<(string Program, HttpClient Office)> ProgramAsync()
    {
        var program = $"ref-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "取次テスト人材センター");
        var office = await TestUsers.MemberAsync(Product.Admin, program, "office");
        return (program, office);
    }

    private static async Task<Guid> RegisterFirmAsync(HttpClient office, string program, string name)
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await office.PostAsJsonAsync($"/api/programs/{program}/firms", Firm(name, Licence()));
            return response.StatusCode != HttpStatusCode.NotFound;
        }, Slice.Eventually, "the program to be known by Coordinators");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<(Guid Company, Guid Need)> NeedAsync(string program, string role = "生産技術エンジニア")
    {
        var registered = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies", new
        {
            name = "株式会社北見精機", nameKana = "キタミセイキ", prefectureCode = "01", municipalityCode = "012084", industry = "E",
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var company = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/companies/{company}/needs", new
        {
            role, employmentForm = "fullTime", payUnit = "year", payMinYen = 5_000_000, payMaxYen = 7_000_000, description = "工場の自動化を進める",
        });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        return (company, (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    private async Task<JsonElement> ReferAsync(string program, Guid need, params Guid[] firms)
    {
        HttpResponseMessage response = null!;
        await Poll.UntilAsync(async () =>
        {
            response = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = firms, message = "ご検討ください" });
            if (response.StatusCode != HttpStatusCode.BadRequest)
                return true;
            var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
            return !problem.Errors.ContainsKey("needId");
        }, Slice.Eventually, "the need to be known by Coordinators");
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> InboxAsync(HttpClient recruiter, string program, string query = "") =>
        await recruiter.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals{query}");

    [Fact]
    public async Task A_need_referred_to_firms_reaches_each_firm_alone_anonymised_until_it_accepts()
    {
        var (program, office) = await ProgramAsync();
        var firmA = await RegisterFirmAsync(office, program, "株式会社北海道キャリア");
        var firmB = await RegisterFirmAsync(office, program, "道東人材サービス株式会社");
        using var recruiterA = await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: firmA.ToString());
        using var recruiterB = await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: firmB.ToString());
        var (company, need) = await NeedAsync(program);

        var referred = await ReferAsync(program, need, firmA, firmB);
        var suggestions = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms/suggestions?needId={need}");

        Assert.Equal(2, suggestions.GetArrayLength());
        Assert.Contains("対応地域内", suggestions[0].GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        var ids = referred.GetProperty("ids").EnumerateArray().Select(i => i.GetGuid()).ToList();
        var inboxA = await InboxAsync(recruiterA, program);
        var inboxB = await InboxAsync(recruiterB, program);
        Assert.Equal(1, inboxA.GetProperty("total").GetInt32());
        Assert.Equal(1, inboxB.GetProperty("total").GetInt32());
        var seenByA = inboxA.GetProperty("items")[0];
        Assert.Equal(ids[0], seenByA.GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, seenByA.GetProperty("companyId").ValueKind);
        Assert.Equal(JsonValueKind.Null, seenByA.GetProperty("companyName").ValueKind);
        Assert.Equal("E", seenByA.GetProperty("industry").GetString());
        Assert.Equal("生産技術エンジニア", seenByA.GetProperty("role").GetString());
        Assert.Equal(7_000_000, seenByA.GetProperty("terms").GetProperty("payMaxYen").GetInt64());
        Assert.Equal("", seenByA.GetProperty("referredBy").GetString());
        // Another firm's referral does not exist for A, whatever the id; nor can A answer it.
        Assert.Equal(HttpStatusCode.NotFound, (await recruiterA.GetAsync($"/api/programs/{program}/referrals/{ids[1]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiterA.PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[1]}/accept", new { version = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiterA.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { firmA } })).StatusCode);

        var accepted = await recruiterA.PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[0]}/accept", new { version = 1 });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var afterAccept = await recruiterA.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{ids[0]}");
        Assert.Equal("accepted", afterAccept.GetProperty("status").GetString());
        Assert.Equal(company, afterAccept.GetProperty("companyId").GetGuid());
        Assert.Equal("株式会社北見精機", afterAccept.GetProperty("companyName").GetString());
        Assert.Equal(1, Product.Count("coordinators", $"audit_log WHERE action = 'company-revealed' AND target = 'referral:{ids[0]}'"));
        await Problem.ReadAsync(await recruiterA.PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[0]}/accept", new { version = 2 }), HttpStatusCode.Conflict);

        var declined = await recruiterB.PostAsJsonAsync($"/api/programs/{program}/referrals/{ids[1]}/decline", new { reason = "noCandidates", text = "該当者なし", version = 1 });
        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await declined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("companyId").ValueKind);

        // The coordinator sees both answers.
        var all = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals?needId={need}");
        Assert.Equal(["accepted", "declined"], all.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()).Order());
        // Polling with since gives only what changed after.
        var since = Uri.EscapeDataString(afterAccept.GetProperty("changedAt").GetDateTimeOffset().ToString("O"));
        var changed = await InboxAsync(recruiterB, program, $"?since={since}");
        Assert.Equal(1, changed.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task The_need_is_referred_while_a_referral_is_open_and_open_again_when_none_is()
    {
        var (program, office) = await ProgramAsync();
        var firm = await RegisterFirmAsync(office, program, "株式会社オホーツク人材");
        using var recruiter = await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: firm.ToString());
        var (_, need) = await NeedAsync(program);
        async Task<string> StatusAsync() =>
            (await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{need}")).GetProperty("status").GetString()!;

        var id = (await ReferAsync(program, need, firm)).GetProperty("ids")[0].GetGuid();
        await Poll.UntilAsync(async () => await StatusAsync() == "referred", Slice.Eventually, "the need to be 取次済");
        await Problem.ReadAsync(await Product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { firm } }),
            HttpStatusCode.BadRequest);
        (await Product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals/{id}/withdraw", new { reason = "企業の都合", version = 1 })).EnsureSuccessStatusCode();

        await Poll.UntilAsync(async () => await StatusAsync() == "open", Slice.Eventually, "the need to be open again");
        var inbox = await InboxAsync(recruiter, program);
        Assert.Equal("withdrawn", inbox.GetProperty("items")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_a_registered_firm_receives_a_referral_and_a_refused_one_writes_nothing()
    {
        var (program, office) = await ProgramAsync();
        var firm = await RegisterFirmAsync(office, program, "株式会社停止中エージェント");
        var registered = await RegisterFirmAsync(office, program, "株式会社登録済エージェント");
        var (_, need) = await NeedAsync(program);
        await ReferAsync(program, need, registered);
        var suspend = await office.PostAsJsonAsync($"/api/programs/{program}/firms/{firm}/status", new { status = "suspended", version = 1 });
        var suspendEn = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{program}/firms/{firm}/status") { Content = JsonContent.Create(new { status = "suspended", version = 1 }) };
        suspendEn.Headers.AcceptLanguage.ParseAdd("en");
        Assert.Equal("一時停止・登録取消には理由を入力してください（500 文字以内）。", (await Problem.ReadAsync(suspend, HttpStatusCode.BadRequest)).Errors["reason"][0]);
        Assert.Equal("Suspending or withdrawing needs a reason (up to 500 characters).",
            (await Problem.ReadAsync(await office.SendAsync(suspendEn), HttpStatusCode.BadRequest)).Errors["reason"][0]);
        (await office.PostAsJsonAsync($"/api/programs/{program}/firms/{firm}/status", new { status = "suspended", reason = "苦情の調査中", version = 1 })).EnsureSuccessStatusCode();
        var again = await office.PostAsJsonAsync($"/api/programs/{program}/firms/{firm}/status", new { status = "applied", version = 2 });
        Assert.Contains("変更できません", (await Problem.ReadAsync(again, HttpStatusCode.BadRequest)).Errors["status"][0]);
        var before = Product.Count("coordinators", $"referrals WHERE program = '{program}'");
        var outbox = Product.Count("coordinators", "outbox_messages WHERE message_type LIKE '%NeedReferred%'");

        var refused = await Product.Client.PostAsJsonAsync($"/api/programs/{program}/referrals", new { needId = need, firmIds = new[] { firm, Guid.NewGuid() } });

        var problem = await Problem.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith("登録済でない事業者", problem.Errors["firmIds"][0]);
        Assert.Equal(before, Product.Count("coordinators", $"referrals WHERE program = '{program}'"));
        Assert.Equal(outbox, Product.Count("coordinators", "outbox_messages WHERE message_type LIKE '%NeedReferred%'"));
    }

    [Fact]
    public async Task Suspending_a_firm_withdraws_its_unanswered_referrals_with_the_reason_and_keeps_the_accepted_ones()
    {
        var (program, office) = await ProgramAsync();
        var firm = await RegisterFirmAsync(office, program, "株式会社停止予定エージェント");
        var (_, waiting) = await NeedAsync(program, "品質管理責任者");
        var (_, taken) = await NeedAsync(program, "工場長");
        var unanswered = (await ReferAsync(program, waiting, firm)).GetProperty("ids")[0].GetGuid();
        var accepted = (await ReferAsync(program, taken, firm)).GetProperty("ids")[0].GetGuid();
        using var recruiter = await TestUsers.MemberAsync(Product.Admin, program, "recruiter", firm: firm.ToString());
        (await recruiter.PostAsJsonAsync($"/api/programs/{program}/referrals/{accepted}/accept", new { version = 1 })).EnsureSuccessStatusCode();
        var withdrawals = Product.Count("coordinators", "outbox_messages WHERE message_type LIKE '%ReferralWithdrawn%'");

        var firmNow = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/firms/{firm}");
        (await office.PostAsJsonAsync($"/api/programs/{program}/firms/{firm}/status",
            new { status = "suspended", reason = "苦情の調査中", version = firmNow.GetProperty("registrationVersion").GetInt32() })).EnsureSuccessStatusCode();

        var gone = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{unanswered}");
        Assert.Equal("withdrawn", gone.GetProperty("status").GetString());
        Assert.Equal("事業者の登録停止のため（苦情の調査中）", gone.GetProperty("withdrawReason").GetString());
        var kept = await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/referrals/{accepted}");
        Assert.Equal("accepted", kept.GetProperty("status").GetString());
        Assert.Equal(withdrawals + 1, Product.Count("coordinators", "outbox_messages WHERE message_type LIKE '%ReferralWithdrawn%'"));
        // The need is open again for another firm.
        await Poll.UntilAsync(async () =>
            (await Product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/needs/{waiting}")).GetProperty("status").GetString() == "open",
            Slice.Eventually, "the need to be open again");
    }

    [Theory]
    [InlineData("13-ユ-123456", true)]
    [InlineData("47-ユ-000001", true)]
    [InlineData("48-ユ-123456", false)]
    [InlineData("00-ユ-123456", false)]
    [InlineData("13-ユ-12345", false)]
    [InlineData("13-ユ-1234567", false)]
    [InlineData("13-ゆ-123456", false)]
    [InlineData("13-ﾕ-123456", false)]
    [InlineData("13ユ123456", false)]
    public async Task A_licence_number_is_a_prefecture_code_yu_and_six_digits(string licence, bool valid)
    {
        var (program, office) = await ProgramAsync();
        await RegisterFirmAsync(office, program, "株式会社確認用");
        var body = Firm($"株式会社許可{Guid.NewGuid():N}"[..12], licence);

        var response = await office.PostAsJsonAsync($"/api/programs/{program}/firms", body);
        var english = new HttpRequestMessage(HttpMethod.Post, $"/api/programs/{program}/firms") { Content = JsonContent.Create(body) };
        english.Headers.AcceptLanguage.ParseAdd("en");

        if (valid)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return;
        }
        Assert.StartsWith("有料職業紹介事業の許可番号は", (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors["licenceNumber"][0]);
        Assert.StartsWith("The licence number of a fee-charging employment agency",
            (await Problem.ReadAsync(await office.SendAsync(english), HttpStatusCode.BadRequest)).Errors["licenceNumber"][0]);
    }

    [Fact]
    public async Task Handoffs_count_once_per_firm_or_once_per_need_and_break_down_by_firm()
    {
        var (program, office) = await ProgramAsync();
        var firms = new List<Guid>();
        foreach (var name in new[] { "株式会社甲", "株式会社乙", "株式会社丙" })
            firms.Add(await RegisterFirmAsync(office, program, name));
        var (_, first) = await NeedAsync(program);
        var (_, second) = await NeedAsync(program, "営業部長");
        foreach (var (code, kind) in new[] { ("handoffs", "handoff"), ("referred-needs", "handoff-need") })
        {
            (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
            {
                code, name = "民間人材ビジネス事業者への取次件数", unit = "件", direction = "increase", source = "counted", countedKind = kind,
                targets = new[] { new { kind = "yearly", fiscalYear = 2026, value = 40 } },
            })).EnsureSuccessStatusCode();
        }

        await ReferAsync(program, first, firms[0], firms[1], firms[2]);
        await ReferAsync(program, second, firms[0]);

        JsonElement progress = default;
        await Poll.UntilAsync(async () =>
        {
            progress = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/progress?fiscalYear=2026");
            return Actual(progress, "handoffs") == 4 && Actual(progress, "referred-needs") == 2;
        }, Slice.Eventually, "the handoffs to be counted");
        var byFirm = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/handoffs/breakdown?fiscalYear=2026&by=firm");
        Assert.Equal([("株式会社甲", 2L), ("株式会社丙", 1L), ("株式会社乙", 1L)],
            byFirm.GetProperty("rows").EnumerateArray().Select(r => (r.GetProperty("label").GetString()!, r.GetProperty("count").GetInt64())).ToList());
    }

    private static decimal? Actual(JsonElement report, string code) =>
        report.GetProperty("kpis").EnumerateArray().First(k => k.GetProperty("code").GetString() == code)
            .GetProperty("lines")[0].GetProperty("actual") is { ValueKind: JsonValueKind.Number } a ? a.GetDecimal() : null;
}
