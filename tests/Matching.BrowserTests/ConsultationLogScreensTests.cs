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

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(768, 1024)]
    public async Task The_log_filters_by_a_coordinator_chosen_from_the_program_s_and_by_a_company_chosen_by_typing(int width, int height)
    {
        var word = $"{Random.Shared.Next(1000, 9999)}";
        var main = await fixture.Product.Slice.AddCoordinatorAsync("demo", $"紋別 一郎{word}", "main");
        var sub = await fixture.Product.Slice.AddCoordinatorAsync("demo", $"網走 花子{word}", "sub");
        var first = await fixture.Product.Slice.RegisterCompanyAsync("demo", $"株式会社絞込一{word}", "シボリコミイチ");
        var second = await fixture.Product.Slice.RegisterCompanyAsync("demo", $"株式会社絞込二{word}", "シボリコミニ");
        await fixture.Product.Slice.LogConsultationAsync("demo", first, new DateOnly(2026, 4, 10));
        await fixture.Product.Slice.LogConsultationAsync("demo", second, new DateOnly(2026, 4, 10));
        foreach (var (company, ids, notes) in new[] { (first, new[] { main, sub }, $"花子がサブ{word}"), (second, new[] { main }, $"一郎だけ{word}") })
        {
            (await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new
            {
                companyId = company, date = "2026-04-13", coordinatorIds = ids, channel = "visit", notes,
            })).EnsureSuccessStatusCode();
        }
        var page = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/consultations");
        var rows = page.GetByTestId("consultations").Locator("tbody tr");

        await page.GetByLabel("担当コーディネーター").SelectOptionAsync(new SelectOptionValue { Label = $"網走 花子{word}（サブ）" });
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync($"花子がサブ{word}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "CSV" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"coordinatorId={sub}"));
        var byCoordinator = await BrowserFixture.CheckScreenAsync(page, $"66-consultation-log-by-coordinator-{width}");

        await page.GetByLabel("担当コーディネーター").SelectOptionAsync(new SelectOptionValue { Label = "すべて" });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "企業" }).FocusAsync();
        await page.Keyboard.TypeAsync($"絞込二{word}");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = $"株式会社絞込二{word}" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("2 件");
        await Assertions.Expect(rows.First).ToContainTextAsync($"一郎だけ{word}");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "企業" })).ToHaveValueAsync($"株式会社絞込二{word}");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Excel" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"companyId={second}"));
        var byCompany = await BrowserFixture.CheckScreenAsync(page, $"67-consultation-log-by-company-{width}");

        Assert.Empty(byCoordinator);
        Assert.Empty(byCompany);
    }

    [Fact]
    public async Task Without_script_the_log_s_company_is_searched_picked_and_filtered_by()
    {
        var word = $"{Random.Shared.Next(1000, 9999)}";
        var wanted = await fixture.Product.Slice.RegisterCompanyAsync("demo", $"株式会社無効試験{word}", "ムコウシケン");
        var other = await fixture.Product.Slice.RegisterCompanyAsync("demo", $"株式会社別試験{word}", "ベツシケン");
        await fixture.Product.Slice.LogConsultationAsync("demo", wanted, new DateOnly(2026, 4, 10));
        await fixture.Product.Slice.LogConsultationAsync("demo", other, new DateOnly(2026, 4, 11));
        var page = await fixture.NewPageAsync(javaScript: false);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/consultations?from=2026-04-01&to=2027-03-31");

        await page.Locator("#companyQuery").FillAsync($"無効試験{word}");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = $"株式会社無効試験{word}" }).CheckAsync();
        var violations = await BrowserFixture.CheckScreenAsync(page, "68-consultation-log-company-without-script");
        await page.GetByRole(AriaRole.Button, new() { Name = "絞り込む" }).ClickAsync();

        var rows = page.GetByTestId("consultations").Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync($"株式会社無効試験{word}");
        Assert.Contains($"companyId={wanted}", page.Url, StringComparison.Ordinal);
        Assert.Empty(violations);
    }
}
