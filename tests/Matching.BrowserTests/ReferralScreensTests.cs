using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>取次 in the browser: a coordinator refers a need to two firms chosen from the fit suggestions; a recruiter sees it anonymised, accepts, then sees the company.</summary>
public sealed class ReferralScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_refers_a_need_to_two_firms_and_a_recruiter_accepts_it_and_then_sees_the_company()
    {
        var violations = new List<string>();
        using var office = await TestUsers.SignInAsync(fixture.Product.Address, "office", BrowserFixture.DemoPassword);
        foreach (var (name, kana, areas) in new[]
                 {
                     ("北海道キャリアパートナーズ株式会社", "ホッカイドウキャリアパートナーズ", new[] { "01" }),
                     ("道東人材サービス株式会社", "ドウトウジンザイサービス", new[] { "01" }),
                     ("九州人材株式会社", "キュウシュウジンザイ", new[] { "40" }),
                 })
        {
            var registered = await office.PostAsJsonAsync("/api/programs/demo/firms", new
            {
                name, nameKana = kana, licenceNumber = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}", areas, industries = new[] { "E" },
                specialties = new[] { "engineering" },
            });
            Assert.True(registered.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        }
        var company = await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/companies", new
        {
            name = "株式会社取次画面試験", nameKana = "トリツギガメンシケン", prefectureCode = "01", municipalityCode = "012084", industry = "E",
        });
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await fixture.Product.Client.PostAsJsonAsync($"/api/programs/demo/companies/{companyId}/needs", new
        {
            role = "生産技術エンジニア", employmentForm = "fullTime", payUnit = "year", payMinYen = 5_000_000, payMaxYen = 7_000_000, description = "工場の自動化",
        });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var coordinator = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(coordinator, "coordinator");
        await Poll.UntilAsync(async () =>
        {
            await coordinator.GotoAsync($"/p/demo/needs/{need}");
            return await coordinator.GetByRole(AriaRole.Button, new() { Name = "取次する" }).CountAsync() == 1;
        }, Slice.Eventually, "the refer form with its suggestions");
        var chooser = coordinator.Locator("fieldset", new() { HasText = "取次先の事業者" });
        // The Hokkaido firms cover the place and the industry; the Kyushu firm only the industry, so it comes after them
        // (other tests may add firms of their own to the demo program).
        var labels = await chooser.Locator("label").AllInnerTextsAsync();
        var kyushu = labels.ToList().FindIndex(l => l.Contains("九州人材株式会社", StringComparison.Ordinal));
        Assert.True(kyushu > labels.ToList().FindLastIndex(l => l.Contains("北海道キャリアパートナーズ株式会社", StringComparison.Ordinal)), string.Join(" | ", labels));
        Assert.True(kyushu > labels.ToList().FindLastIndex(l => l.Contains("道東人材サービス株式会社", StringComparison.Ordinal)), string.Join(" | ", labels));
        await Assertions.Expect(chooser.Locator("label", new() { HasText = "北海道キャリアパートナーズ株式会社" })).ToContainTextAsync("対応地域内");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "40-need-refer-form"));
        await chooser.GetByLabel("北海道キャリアパートナーズ株式会社").CheckAsync();
        await chooser.GetByLabel("道東人材サービス株式会社").CheckAsync();
        await coordinator.GetByLabel("事業者へのメッセージ（任意）").FillAsync("自動化の経験がある方をご紹介ください。");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "取次する" }).ClickAsync();
        var referrals = coordinator.GetByTestId("referrals");
        await Assertions.Expect(referrals.Locator("tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(referrals).ToContainTextAsync("回答待ち");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "41-need-referred"));

        var recruiter = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(recruiter, "recruiter");
        await recruiter.GotoAsync("/p/demo");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Main)).ToContainTextAsync("回答待ちの取次が");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "42-recruiter-home"));
        // The firm connects its own system first: the secret is shown once.
        await using var receiver = await WebhookReceiver.StartAsync();
        await recruiter.GetByRole(AriaRole.Link, new() { Name = "貴社システムとの連携（Webhook）" }).ClickAsync();
        await recruiter.GetByLabel("送信先 URL（https）").FillAsync(receiver.Url);
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "連携を始める" }).ClickAsync();
        var secret = (await recruiter.GetByTestId("secret").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", secret);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "49-firm-webhook-connected"));
        await recruiter.GotoAsync("/p/demo");
        await recruiter.GetByRole(AriaRole.Link, new() { Name = "生産技術エンジニア" }).First.ClickAsync();
        await Assertions.Expect(recruiter.GetByTestId("company")).ToContainTextAsync("企業名は承諾後に表示されます");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("株式会社取次画面試験");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Main)).ToContainTextAsync("自動化の経験がある方をご紹介ください。");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "43-referral-anonymised"));
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "承諾する" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByTestId("company")).ToContainTextAsync("株式会社取次画面試験");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("承諾");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "44-referral-accepted"));
        // The acceptance reached the firm's system, signed with its secret, and stands in its delivery log.
        await Poll.UntilAsync(() => Task.FromResult(receiver.Accepted.Count >= 1), Slice.Eventually, "the webhook of the acceptance");
        var delivery = receiver.Accepted[0];
        Assert.True(Matching.Platform.Webhooks.WebhookSignature.Verify(secret, delivery.Id, delivery.Timestamp, delivery.Signature, delivery.Body, DateTimeOffset.UtcNow));
        await recruiter.GotoAsync("/p/demo");
        await recruiter.GetByRole(AriaRole.Link, new() { Name = "貴社システムとの連携（Webhook）" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByTestId("deliveries")).ToContainTextAsync("referral.accepted");
        await Assertions.Expect(recruiter.GetByTestId("deliveries")).ToContainTextAsync("配信済");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "50-firm-delivery-log"));

        await coordinator.ReloadAsync();
        await Assertions.Expect(referrals).ToContainTextAsync("承諾");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("取次済");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "45-need-accepted"));
        await coordinator.GotoAsync($"/p/demo/companies/{companyId}");
        var timeline = coordinator.Locator("ol.timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("取次（道東人材サービス株式会社）");
        await Assertions.Expect(timeline).ToContainTextAsync("取次の回答（北海道キャリアパートナーズ株式会社：承諾）");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "48-company-timeline-referrals"));
        // The coordinator's home tells of the answer; the registry counts it per firm.
        await coordinator.GotoAsync("/p/demo");
        var news = coordinator.Locator("section", new() { Has = coordinator.GetByRole(AriaRole.Heading, new() { Name = "取次の動き" }) });
        await Assertions.Expect(news).ToContainTextAsync("北海道キャリアパートナーズ株式会社 — 生産技術エンジニア");
        await Assertions.Expect(news).ToContainTextAsync("承諾");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "46-coordinator-home-answers"));
        await coordinator.GotoAsync("/p/demo/firms");
        var figures = coordinator.Locator("section", new() { Has = coordinator.GetByRole(AriaRole.Heading, new() { Name = "の事業者別取次実績" }) });
        await Assertions.Expect(figures.Locator("tr", new() { HasText = "北海道キャリアパートナーズ株式会社" })).ToContainTextAsync("100.0%");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "47-firms-and-figures"));

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_office_completes_a_firm_entered_from_a_membership_and_a_coordinator_sets_where_answers_reach_them()
    {
        var violations = new List<string>();
        // A recruiter user named with a firm the registry lacks: Coordinators enters it as applied.
        var firmName = $"株式会社未登録人材{Random.Shared.Next(100, 999)}";
        using var recruiter = await TestUsers.MemberAsync(fixture.Product.Admin, "demo", "recruiter", firm: firmName);
        var office = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(office, "office");
        await Poll.UntilAsync(async () =>
        {
            await office.GotoAsync("/p/demo/firms");
            return await office.Locator("tr", new() { HasText = firmName }).CountAsync() == 1;
        }, Slice.Eventually, "the firm entered from the membership");
        var row = office.Locator("tr", new() { HasText = firmName });
        await Assertions.Expect(row).ToContainTextAsync("申請中");
        await Assertions.Expect(row).ToContainTextAsync("未登録");
        await row.GetByRole(AriaRole.Link, new() { Name = "登録内容を編集" }).ClickAsync();
        await Assertions.Expect(office.GetByRole(AriaRole.Status)).ToContainTextAsync("許可番号などを入力し");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(office, "51-firm-edit-entered-from-membership"));
        await office.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        // Kana and licence are required now.
        await Assertions.Expect(office.GetByRole(AriaRole.Alert)).ToContainTextAsync("入力内容を確認してください");
        await office.GetByLabel("事業者名（カナ）").FillAsync("ミトウロクジンザイ");
        await office.GetByLabel("有料職業紹介事業 許可番号（例: 13-ユ-123456）").FillAsync($"01-ユ-{Random.Shared.Next(0, 999_999):000000}");
        await office.GetByLabel("本社所在地").FillAsync("北海道釧路市");
        await office.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(office.GetByTestId("saved")).ToContainTextAsync(firmName);
        var saved = office.Locator("tr", new() { HasText = firmName });
        await Assertions.Expect(saved).ToContainTextAsync("01-ユ-");
        await saved.GetByLabel("新しい状況").SelectOptionAsync(new SelectOptionValue { Label = "登録済" });
        await saved.GetByRole(AriaRole.Button, new() { Name = "変更" }).ClickAsync();
        await Assertions.Expect(office.Locator("tr", new() { HasText = firmName })).ToContainTextAsync("登録済");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(office, "52-firm-completed"));
        // The recruiter is linked to that firm and sees it, by its registry name, beside their role.
        var me = await recruiter.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal(firmName, me.GetProperty("memberships")[0].GetProperty("firmName").GetString());

        var coordinator = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(coordinator, "assistant");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "佐藤 花子" }).ClickAsync();
        await coordinator.GetByLabel("通知先メールアドレス").FillAsync("sato hanako@example");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("#email-error, .error").First).ToContainTextAsync("メールアドレスの形式が正しくありません");
        await coordinator.GetByLabel("通知先メールアドレス").FillAsync("sato.hanako@center.example.jp");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "保存する" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByTestId("saved")).ToContainTextAsync("通知先を保存しました");
        await Assertions.Expect(coordinator.GetByLabel("通知先メールアドレス")).ToHaveValueAsync("sato.hanako@center.example.jp");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "53-account-notification-address"));

        Assert.Empty(violations);
    }
}
