using System.Net.Http.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>相談記録 as a work list: from the menu, filtered by channel and a word, each row opening its consultation.</summary>
public sealed class ConsultationLogScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_filters_the_consultation_log_and_opens_a_consultation_from_it()
    {
        var word = $"販路{Random.Shared.Next(1000, 9999)}";
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", $"株式会社記録画面{word}", "キロクガメン");
        await fixture.Product.Slice.LogConsultationAsync("demo", company, new DateOnly(2026, 4, 10));
        foreach (var (channel, notes) in new[] { ("visit", $"{word}の相談（訪問）"), ("phone", $"{word}の相談（電話）"), ("visit", "組織づくりの相談") })
        {
            (await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new
            {
                companyId = company, date = "2026-04-12", coordinators = new[] { "テスト 担当" }, channel, issues = new[] { "salesChannels" }, notes,
            })).EnsureSuccessStatusCode();
        }
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "メニュー" }).GetByRole(AriaRole.Link, new() { Name = "相談記録" }).ClickAsync();
        await page.GetByLabel("相談方法").SelectOptionAsync(new SelectOptionValue { Label = "訪問" });
        await page.GetByLabel("内容のキーワード").FillAsync(word);
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        var rows = page.GetByTestId("consultations").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync($"株式会社記録画面{word}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("channel=visit&keyword="));
        var violations = await BrowserFixture.CheckScreenAsync(page, "65-consultation-log-filtered");
        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"{word}の相談（訪問）");
        Assert.Empty(violations);
    }
}
