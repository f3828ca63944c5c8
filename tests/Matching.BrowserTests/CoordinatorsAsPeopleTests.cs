using System.Net.Http.Json;
using Matching.Contracts;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>担当コーディネーター are the program's members: chosen from the list, and each credited in the breakdown.</summary>
public sealed class CoordinatorsAsPeopleTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_consultation_with_two_coordinators_chosen_from_the_members_is_counted_for_both()
    {
        var year = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)));
        using var office = await TestUsers.SignInAsync(fixture.Product.Address, "office", BrowserFixture.DemoPassword);
        const string code = "people";
        (await office.PostAsJsonAsync("/api/programs/demo/kpis", new
        {
            code, name = "相談件数（担当者別）", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = new object[] { new { kind = "yearly", fiscalYear = year.StartYear, value = 10 } },
        })).EnsureSuccessStatusCode();
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社担当者試験", "タントウシャシケン");
        await fixture.Product.Slice.LogConsultationAsync("demo", company, DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)), coordinator: "テスト 担当");
        var page = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coordinator");

        await page.GotoAsync($"/p/demo/consultations/new?companyId={company}");
        var main = page.GetByLabel("メイン", new() { Exact = true });
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return await main.InputValueAsync() != "";
        }, Slice.Eventually, "the program's coordinators to be known by Coordinators");
        await Assertions.Expect(main.Locator("option:checked")).ToHaveTextAsync("山田 太郎（メイン）");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "佐藤 花子" }).CheckAsync();
        var violations = (await BrowserFixture.CheckScreenAsync(page, "73-coordinators-chosen-1366")).ToList();
        await page.SetViewportSizeAsync(768, 1024);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "73-coordinators-chosen-768"));
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/consultations/*");
        await Assertions.Expect(page.GetByText("山田 太郎、佐藤 花子")).ToBeVisibleAsync();

        var officePage = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(officePage, "office");
        await Poll.UntilAsync(async () =>
        {
            await officePage.GotoAsync($"/p/demo/progress/{code}/breakdown?fiscalYear={year.StartYear}&by=coordinator");
            return await officePage.Locator("tbody th").CountAsync() == 3;
        }, Slice.Eventually, "the consultation to be counted for both coordinators");
        var rows = officePage.Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "山田 太郎" }).GetByTestId("breakdown-as-main")).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Filter(new() { HasText = "佐藤 花子" }).GetByTestId("breakdown-as-sub")).ToHaveTextAsync("1");
        await Assertions.Expect(rows.Filter(new() { HasText = "佐藤 花子" }).GetByTestId("breakdown-count")).ToHaveTextAsync("1");
        await Assertions.Expect(officePage.GetByTestId("breakdown-total")).ToHaveTextAsync("2");
        violations.AddRange(await BrowserFixture.CheckScreenAsync(officePage, "74-breakdown-credits-every-coordinator"));
        // A consultation KPI is broken down by what consultations carry, and a coordinator's count opens their consultations.
        Assert.Equal(["市区町村別", "業種別", "担当コーディネーター別"],
            (await officePage.GetByRole(AriaRole.Navigation, new() { Name = "内訳の軸" }).GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()).SkipLast(1));
        await rows.Filter(new() { HasText = "佐藤 花子" }).GetByRole(AriaRole.Link, new() { Name = "1（佐藤 花子の相談記録）" }).ClickAsync();
        await officePage.WaitForURLAsync("**/p/demo/consultations?*");
        await Assertions.Expect(officePage.Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(officePage.Locator("tbody tr")).ToContainTextAsync("株式会社担当者試験");
        Assert.Empty(violations);
    }
}
