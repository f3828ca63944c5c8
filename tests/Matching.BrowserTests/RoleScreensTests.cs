using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// Each role sees its own home; a recruiter and an office are refused the coordinators' pages, a coordinator the
/// office's and the operator's, each told that roles come from the system operator (only operators grant them).
/// </summary>
public sealed class RoleScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("/p/demo/companies/new")]
    [InlineData("/p/demo/consultations/new")]
    [InlineData("/p/demo/companies")]
    [InlineData("/p/demo/kpis")]
    public async Task Recruiter_is_refused_the_coordinator_pages(string path)
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "recruiter");

        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("この画面を開く権限がありません");
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, "10-recruiter-refused" + path.Replace('/', '-')));
    }

    [Theory]
    [InlineData("coordinator", "/p/demo/kpi-definitions", "コーディネーターの役割ではこの画面は使えません。", 1366, 900)]
    [InlineData("coordinator", "/p/demo/kpi-definitions", "コーディネーターの役割ではこの画面は使えません。", 768, 1024)]
    [InlineData("office", "/p/demo/consultations/new", "事務局の役割ではこの画面は使えません。", 1366, 900)]
    [InlineData("office", "/p/demo/consultations/new", "事務局の役割ではこの画面は使えません。", 768, 1024)]
    [InlineData("recruiter", "/p/demo/companies", "登録人材紹介事業者の方はこの画面を使えません。", 1366, 900)]
    [InlineData("recruiter", "/p/demo/companies", "登録人材紹介事業者の方はこの画面を使えません。", 768, 1024)]
    public async Task A_refused_page_tells_each_role_that_the_system_operator_gives_roles(string user, string path, string why, int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, user);

        var response = await page.GotoAsync(path);

        Assert.Equal(403, response!.Status);
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync(why);
        await Assertions.Expect(main).ToContainTextAsync("役割の追加・変更はシステム管理者が行います。必要な場合はシステム管理者にお問い合わせください。");
        await Assertions.Expect(main).Not.ToContainTextAsync("事務局にお問い合わせ");
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, $"13-refused-403-{user}-{width}"));
    }

    [Fact]
    public async Task A_coordinator_is_told_that_the_operator_pages_are_the_system_operator_s()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");

        var response = await page.GotoAsync("/admin/users");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("この画面はシステム管理者だけが使えます。");
    }

    [Fact]
    public async Task Recruiter_home_shows_the_referrals_of_its_firm_and_no_coordinator_menu()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "recruiter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "取次された案件" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "企業を登録" }).CountAsync());
        Assert.Contains("北海道キャリアパートナーズ株式会社", await page.Locator("header").InnerTextAsync());
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, "11-recruiter-home"));
    }

    [Fact]
    public async Task Office_sees_the_count_and_companies_but_may_not_log_consultations()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "office");

        await Assertions.Expect(page.GetByTestId("consultation-count")).ToBeVisibleAsync();
        var violations = await BrowserFixture.CheckScreenAsync(page, "12-office-home");
        var refused = await page.GotoAsync("/p/demo/consultations/new");

        Assert.Equal(403, refused!.Status);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Admin_home_lists_programs_and_users()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin");

        // An operator without a role in the program sees it listed, with how to get in, not a link that would answer 404.
        var program = page.Locator("li", new() { HasText = "デモ プロフェッショナル人材センター" });
        await Assertions.Expect(program).ToContainTextAsync("役割がありません");
        await Assertions.Expect(program.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, "13-admin-home"));
        await page.GetByRole(AriaRole.Link, new() { Name = "ユーザー管理" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "recruiter", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_and_sign_out_ends_the_session()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/p/demo/companies");
        Assert.Contains("/signin?returnUrl=", page.Url);
        Assert.Empty(await BrowserFixture.CheckScreenAsync(page, "14-sign-in"));

        await page.GetByLabel("ユーザー名").FillAsync("coordinator");
        await page.GetByLabel("パスワード").FillAsync(BrowserFixture.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "サインイン", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/companies");

        await page.GetByRole(AriaRole.Button, new() { Name = "サインアウト" }).ClickAsync();
        await page.WaitForURLAsync("**/signin");
        await page.GotoAsync("/p/demo/companies");
        Assert.Contains("/signin?returnUrl=", page.Url);
    }
}
