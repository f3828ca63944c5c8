using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// 紹介から成約、アフターフォローまで in the browser: a recruiter moves its introduction through interview and offer to a
/// placement; the coordinator finds the first follow-up on the home's due list and records it; the office sees the
/// placement KPI move.
/// </summary>
public sealed class PlacementScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static int FiscalYearOf(DateOnly d) => d.Month >= 4 ? d.Year : d.Year - 1;

    [Fact]
    public async Task A_recruiter_places_its_introduction_the_coordinator_records_the_first_follow_up_and_the_office_sees_the_kpi_move()
    {
        var violations = new List<string>();
        // The demo coordinator refers the need, so the hire's follow-ups are theirs.
        using var coordinatorApi = await TestUsers.SignInAsync(fixture.Product.Address, "coordinator", BrowserFixture.DemoPassword);
        using var office = await TestUsers.SignInAsync(fixture.Product.Address, "office", BrowserFixture.DemoPassword);
        using var recruiterApi = await TestUsers.SignInAsync(fixture.Product.Address, "recruiter", BrowserFixture.DemoPassword);
        var year = FiscalYearOf(Today.AddDays(-40));
        var defined = await office.PostAsJsonAsync("/api/programs/demo/kpis", new
        {
            code = $"placements-{Guid.NewGuid():N}"[..20], name = "プロフェッショナル人材の成約件数", unit = "件", direction = "increase", source = "counted",
            countedKind = "placement", targets = new[] { new { kind = "yearly", fiscalYear = year, value = 15 } },
        });
        await HiringFlow.EnsureAsync(defined);
        var code = (await defined.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;

        // The need, referred to the demo recruiter's firm and accepted, and a consenting candidate, through the API.
        // The office registers the demo recruiter's firm (its membership names it).
        var registeredFirm = await office.PostAsJsonAsync("/api/programs/demo/firms", new
        {
            name = "北海道キャリアパートナーズ株式会社", nameKana = "ホッカイドウキャリアパートナーズ", licenceNumber = $"01-ユ-{Random.Shared.Next(0, 999_999):000000}",
            areas = new[] { "01" },
        });
        Assert.True(registeredFirm.StatusCode is System.Net.HttpStatusCode.Created or System.Net.HttpStatusCode.Conflict, await registeredFirm.Content.ReadAsStringAsync());
        var firm = Guid.Empty;
        await Poll.UntilAsync(async () =>
        {
            var firms = await recruiterApi.GetFromJsonAsync<JsonElement>("/api/programs/demo/firms");
            if (firms.GetArrayLength() != 1 || firms[0].GetProperty("status").GetString() != "registered")
                return false;
            firm = firms[0].GetProperty("id").GetGuid();
            return true;
        }, Slice.Eventually, "the demo recruiter's firm to be registered");
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社成約画面試験", "セイヤクガメンシケン");
        var opened = await coordinatorApi.PostAsJsonAsync($"/api/programs/demo/companies/{company}/needs", new
        {
            role = "海外営業マネージャー", employmentForm = "fullTime", payUnit = "year", payMinYen = 6_000_000, payMaxYen = 8_000_000,
        });
        await HiringFlow.EnsureAsync(opened);
        var need = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        HttpResponseMessage referred = null!;
        var lastAnswer = "";
        for (var attempt = 0; attempt < 120; attempt++)
        {
            referred = await coordinatorApi.PostAsJsonAsync("/api/programs/demo/referrals", new { needId = need, firmIds = new[] { firm } });
            lastAnswer = await referred.Content.ReadAsStringAsync();
            if (referred.IsSuccessStatusCode)
                break;
            await Task.Delay(500);
        }
        Assert.True(referred.IsSuccessStatusCode, lastAnswer);
        var referral = (await referred.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ids")[0].GetGuid();
        await HiringFlow.EnsureAsync(await recruiterApi.PostAsJsonAsync($"/api/programs/demo/referrals/{referral}/accept", new { version = 1 }));
        var registered = await coordinatorApi.PostAsJsonAsync("/api/programs/demo/candidates", new
        {
            name = "小林 誠", nameKana = "コバヤシ マコト", email = "makoto.kobayashi@example.jp", prefectureCode = "13", hometownPrefectureCode = "01",
            birthYear = 1982, employmentForms = new[] { "fullTime" }, remote = "none",
        });
        await HiringFlow.EnsureAsync(registered);
        var candidate = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await HiringFlow.EnsureAsync(await coordinatorApi.PostAsJsonAsync($"/api/programs/demo/candidates/{candidate}/consents", new
        {
            purpose = "introduction", recipient = "registeredFirms", textVersion = "2025-04", method = "written",
        }));

        // The recruiter introduces the candidate from the accepted referral's page.
        var recruiter = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(recruiter, "recruiter");
        await Poll.UntilAsync(async () =>
        {
            await recruiter.GotoAsync($"/p/demo/referrals/{referral}");
            return await recruiter.GetByRole(AriaRole.Button, new() { Name = "この候補者を紹介する" }).CountAsync() == 1
                   && await recruiter.Locator($"#candidateId option[value='{candidate}']").CountAsync() == 1;
        }, Slice.Eventually, "the firm's introduce form with the consenting candidate");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "80-recruiter-referral-introduce"));
        await recruiter.Locator("#candidateId").SelectOptionAsync(candidate.ToString());
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "この候補者を紹介する" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByTestId("stage")).ToHaveTextAsync("紹介");
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("小林 誠");

        // Interview, offer, accepted offer: each a stage with its date.
        foreach (var (stage, label, on) in new[] { ("interview", "面接", Today.AddDays(-50)), ("offer", "内定", Today.AddDays(-45)), ("offerAccepted", "内定承諾", Today.AddDays(-40)) })
        {
            await recruiter.Locator("#stage").SelectOptionAsync(stage);
            await recruiter.GetByLabel("日付", new() { Exact = true }).FillAsync(Day(on));
            if (stage == "interview")
                await recruiter.GetByLabel("面接の出席者（読点区切り）").FillAsync("代表取締役 佐藤、営業部長 鈴木");
            await recruiter.GetByRole(AriaRole.Button, new() { Name = "更新する" }).ClickAsync();
            await Assertions.Expect(recruiter.GetByTestId("stage")).ToHaveTextAsync(label);
        }
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "81-introduction-offer-accepted"));
        await recruiter.GetByLabel("入社日").FillAsync(Day(Today.AddDays(-35)));
        await recruiter.GetByLabel("年収（万円）").FillAsync("720");
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "成約を記録する" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Status)).ToContainTextAsync("成約を記録しました");
        await Assertions.Expect(recruiter.GetByTestId("origin")).ToContainTextAsync("県外（道外）から");
        await Assertions.Expect(recruiter.GetByTestId("origin")).ToContainTextAsync("Uターン");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(recruiter, "82-placement-by-recruiter"));

        // The coordinator who referred the need finds the 1-month follow-up on the home page, overdue, and records it.
        var coordinator = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(coordinator, "coordinator");
        await coordinator.GotoAsync("/p/demo");
        var due = coordinator.GetByTestId("due-overdue").GetByTestId("due-item").Filter(new() { HasText = "株式会社成約画面試験" });
        await Assertions.Expect(due).ToContainTextAsync("1 か月フォロー");
        await Assertions.Expect(due).ToContainTextAsync("アフターフォロー");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "83-coordinator-home-follow-up-due"));
        await due.GetByRole(AriaRole.Link).ClickAsync();
        await coordinator.GetByLabel("企業", new() { Exact = true }).CheckAsync();
        await coordinator.GetByLabel("ご本人").CheckAsync();
        await coordinator.GetByLabel("企業の担当者").FillAsync("人事部 山本");
        await coordinator.GetByLabel("満足度（1〜5）").SelectOptionAsync("4");
        await coordinator.GetByLabel("出た課題").FillAsync("通勤の負担。社宅の相談を受けた。");
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "フォローを記録する" }).ClickAsync();
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Status)).ToContainTextAsync("フォローを記録しました");
        await Assertions.Expect(coordinator.GetByTestId("follow-up-1")).ToContainTextAsync("実施済");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "84-placement-follow-up-recorded"));
        await coordinator.GotoAsync($"/p/demo/needs/{need}");
        await Assertions.Expect(coordinator.GetByTestId("column-placed")).ToContainTextAsync("小林 誠");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(coordinator, "85-need-pipeline"));

        // The office sees the placement count in the KPI progress.
        var officePage = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(officePage, "office");
        await Poll.UntilAsync(async () =>
        {
            await officePage.GotoAsync($"/p/demo/progress?fiscalYear={year}");
            var kpi = officePage.Locator("section", new() { Has = officePage.GetByRole(AriaRole.Heading, new() { Name = "プロフェッショナル人材の成約件数" }) });
            return await kpi.CountAsync() >= 1 && (await kpi.Last.InnerTextAsync()).Contains("6.7%", StringComparison.Ordinal);
        }, Slice.Eventually, "the placement KPI to show 1 of 15");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(officePage, "86-office-progress-placements"));
        // The placements broken down by U・I・Jターン, an axis the placements' facts carry (and consultations' do not).
        await officePage.Locator("section", new() { Has = officePage.GetByRole(AriaRole.Heading, new() { Name = "プロフェッショナル人材の成約件数" }) })
            .Last.GetByRole(AriaRole.Link, new() { Name = "U・I・Jターン別" }).ClickAsync();
        await Assertions.Expect(officePage.Locator("tbody th")).ToHaveTextAsync(["Uターン"]);
        await Assertions.Expect(officePage.GetByTestId("breakdown-total")).ToHaveTextAsync("1");
        Assert.Equal(["市区町村別", "業種別", "紹介事業者別", "雇用形態別", "U・I・Jターン別"],
            (await officePage.GetByRole(AriaRole.Navigation, new() { Name = "内訳の軸" }).GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()).SkipLast(1));
        violations.AddRange(await BrowserFixture.CheckScreenAsync(officePage, "86-office-breakdown-by-turn"));
        await officePage.GotoAsync("/p/demo/placement-settings");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(officePage, "87-office-placement-settings"));

        Assert.Empty(violations);
    }
}
