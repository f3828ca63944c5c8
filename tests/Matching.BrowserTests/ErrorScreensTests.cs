using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>A browser gets HTML error pages in the layout's style: a page that does not exist (404) and a failure (500).</summary>
public sealed class ErrorScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData(1366, 900)]
    [InlineData(768, 1024)]
    public async Task A_page_that_does_not_exist_is_a_404_page_with_the_way_home(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, "coordinator");

        var response = await page.GotoAsync("/p/demo/no-such-page");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("見つかりません");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "ホームへ戻る" })).ToHaveAttributeAsync("href", "/");
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, $"14-error-404-{width}"));
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(768, 1024)]
    public async Task A_failure_behind_a_page_is_a_500_page_that_says_what_to_do(int width, int height)
    {
        await using var product = await EmbeddedProduct.StartAsync();
        product.BreakTable("companies", "companies");
        var page = await BrowserFixture.NewPageAsync(fixture.Browser, product.Address, width, height);
        await BrowserFixture.SignInAsync(page, TestUsers.Staff, TestUsers.Password);

        var response = await page.GotoAsync("/p/demo/companies");

        Assert.Equal(500, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("エラーが発生しました");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("発生した日時をシステム管理者にお知らせください");
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, $"15-error-500-{width}"));
    }
}
