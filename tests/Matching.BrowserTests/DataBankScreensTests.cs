using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The talent data bank end to end in Chromium: a coordinator registers a candidate with consent, opens a need, sees the
/// ranked candidates with their reasons and shortlists two; the firm's recruiter sees the profile anonymised until a consent
/// covers the firm, then in full; the office finds the read in the record of provisions.
/// </summary>
public sealed class DataBankScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_candidate_registered_with_consent_is_ranked_shortlisted_and_seen_by_the_firm_only_once_the_consent_covers_it()
    {
        var api = fixture.Product.Client;
        // The recruiter's firm as the office registers it with its licence (it starts as applied, from the recruiter's membership).
        using var registry = await TestUsers.SignInAsync(fixture.Product.Address, "office", BrowserFixture.DemoPassword);
        var registered = await registry.PostAsJsonAsync("/api/programs/demo/firms", new
        {
            name = "北海道キャリアパートナーズ株式会社", nameKana = "ホッカイドウキャリアパートナーズ", licenceNumber = "01-ユ-300001", areas = new[] { "01" },
        });
        Assert.True(registered.StatusCode is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict, await registered.Content.ReadAsStringAsync());
        var company = await api.PostAsJsonAsync("/api/programs/demo/companies", new
        {
            name = "株式会社データバンク画面試験", nameKana = "データバンクガメンシケン", prefectureCode = "01", municipalityCode = "012084", industry = "E",
        });
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var opened = await api.PostAsJsonAsync($"/api/programs/demo/companies/{companyId}/needs", new
        {
            role = "道東の販路開拓リーダー", employmentForm = "fullTime", requiredSkills = "営業、マーケティング",
        });
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // A second candidate, registered through the API, so the list has two to shortlist.
        var second = await api.PostAsJsonAsync("/api/programs/demo/candidates", new
        {
            name = "網走 拓海", nameKana = "アバシリ タクミ", email = "takumi.abashiri@example.jp", prefectureCode = "01", skills = new[] { "営業" },
            employmentForms = new[] { "fullTime" },
        });
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync($"/api/programs/demo/candidates/{secondId}/consents",
            new { purpose = "dataBank", recipient = "program", textVersion = "2025-04", method = "written" })).EnsureSuccessStatusCode();
        var violations = new List<string>();

        // The coordinator registers the person and records the consent to the program's use.
        var coordinator = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(coordinator, "coordinator");
        await coordinator.GotoAsync("/p/demo/candidates/new");
        await coordinator.GetByLabel("氏名", new() { Exact = false }).First.FillAsync("釧路 美咲");
        await coordinator.GetByLabel("フリガナ").FillAsync("クシロ ミサキ");
        await coordinator.GetByLabel("メールアドレス").FillAsync("misaki.kushiro@example.jp");
        await coordinator.GetByLabel("居住地（都道府県）").SelectOptionAsync(new SelectOptionValue { Label = "北海道" });
        await coordinator.GetByLabel("スキル（語彙から").FillAsync("営業、マーケティング");
        await coordinator.GetByLabel("正社員").CheckAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "登録する", Exact = true }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("釧路 美咲");
        var profile = new Uri(coordinator.Url).AbsolutePath;
        var id = profile.Split('/')[^1];
        await coordinator.GetByLabel("提供先", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "プログラム（データバンクへの登録）" });
        await coordinator.GetByLabel("示した同意文の版").FillAsync("2025-04");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "同意を記録する" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("#consents + table")).ToContainTextAsync("プログラム（データバンクへの登録）");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "70-databank-registered"));

        // The need's page: the data bank's candidates ranked with their reasons (the need reaches Candidates a moment after it opened).
        await Poll.UntilAsync(async () =>
        {
            await coordinator.GotoAsync($"/p/demo/needs/{need}");
            return await coordinator.GetByRole(AriaRole.Link, new() { Name = "釧路 美咲" }).CountAsync() > 0
                && await coordinator.GetByRole(AriaRole.Link, new() { Name = "網走 拓海" }).CountAsync() > 0;
        }, Slice.Eventually, "the need's ranked candidates");
        var ranking = coordinator.Locator("section[aria-labelledby=matches-title] tbody tr");
        await Assertions.Expect(ranking.First).ToContainTextAsync("釧路 美咲");
        await Assertions.Expect(ranking.First).ToContainTextAsync("必須スキル 2/2");
        await Assertions.Expect(ranking.Nth(1)).ToContainTextAsync("不足する必須スキル：マーケティング");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "釧路 美咲 を候補者リストに追加" }).ClickAsync();
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "網走 拓海 を候補者リストに追加" }).ClickAsync();
        var shortlist = coordinator.GetByTestId("shortlist");
        await Assertions.Expect(shortlist.Locator("tbody tr")).ToHaveCountAsync(2);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "71-databank-need-ranked-shortlisted"));

        // The firm's recruiter: anonymised while only the program's use is consented (its firm registered by now, so that is the reason).
        await Poll.UntilEqualAsync(() => Task.FromResult(fixture.Product.Count("candidates",
                "firms WHERE program = 'demo' AND name = '北海道キャリアパートナーズ株式会社' AND status = 'registered'")), 1L,
            Slice.Eventually, "the firm's registration to reach Candidates");
        var recruiter = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(recruiter, "recruiter");
        await recruiter.GotoAsync($"/p/demo/talent/{id}");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("登録者（匿名）");
        Assert.DoesNotContain("釧路", await recruiter.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("misaki.kushiro", await recruiter.ContentAsync(), StringComparison.Ordinal);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "72-databank-recruiter-anonymised"));

        // The coordinator records the consent to registered firms; the recruiter's next read is the full profile.
        await coordinator.GotoAsync(profile);
        await coordinator.GetByLabel("提供先", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "登録事業者全般への提供" });
        await coordinator.GetByLabel("示した同意文の版").FillAsync("2025-04");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "同意を記録する" }).ClickAsync();
        await Assertions.Expect(coordinator.Locator("#consents + table")).ToContainTextAsync("登録事業者全般への提供");
        await recruiter.GotoAsync($"/p/demo/talent/{id}");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("釧路 美咲");
        await Assertions.Expect(recruiter.Locator("main")).ToContainTextAsync("misaki.kushiro@example.jp");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "73-databank-recruiter-full"));

        // The office finds that read in the record of provisions (第29条), on the person's page.
        var office = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(office, "office");
        await office.GotoAsync(profile);
        var provisions = office.Locator("h2:has-text('第三者提供の記録') + table");
        await Assertions.Expect(provisions).ToContainTextAsync("北海道キャリアパートナーズ株式会社");
        await Assertions.Expect(provisions).ToContainTextAsync("email");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(office, "74-databank-office-provisions"));

        Assert.Empty(violations);
    }
}
