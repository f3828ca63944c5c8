using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The distributed shape of the README's "Running distributed": a private RabbitMQ broker, Programs, Companies,
/// Coordinators, the web UI and the gateway as separate processes. Chromium knows only the gateway's address.
/// </summary>
public sealed class DistributedSignInTests
{
    [Fact]
    public async Task A_coordinator_signs_in_through_the_gateway_and_sees_the_program_served_by_the_separate_processes()
    {
        await using var product = await DistributedProduct.StartAsync(web: true);
        await product.Slice.CreateProgramAsync("doto", "ドット道東");
        await product.Slice.RegisterCompanyAsync("doto", "株式会社道東ファーム", "ドウトウファーム", null, "01", "012084");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        var page = await BrowserFixture.NewPageAsync(browser, product.Gateway.Address);

        // The sign-in form comes from the web process, its post goes back to it through the gateway, and the session
        // it sets is Programs' (the web UI calls /api/session through the gateway).
        await BrowserFixture.SignInAsync(page, TestUsers.Staff, TestUsers.Password);
        // A member of one program lands on its home, with the user's name in the header.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("ドット道東");
        await Assertions.Expect(page.Locator("header .who")).ToContainTextAsync("テスト 担当");
        Assert.EndsWith("/p/doto", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        var home = await BrowserFixture.CheckScreenAsync(page, "40-distributed-home");

        await page.GotoAsync("/p/doto/companies");

        await Assertions.Expect(page.GetByText("株式会社道東ファーム")).ToBeVisibleAsync();
        Assert.StartsWith(product.Gateway.Address.ToString().TrimEnd('/'), page.Url, StringComparison.Ordinal);
        var companies = await BrowserFixture.CheckScreenAsync(page, "41-distributed-companies");
        Assert.Empty(home.Concat(companies));
        Assert.NotEqual(product.Web!.Address.Port, new Uri(page.Url).Port);
    }
}
