using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>本人による登録: the public page, the consent text, the confirmation mail read from a real SMTP listener, its link.</summary>
public sealed partial class SelfRegistrationScreensTests
{
    [GeneratedRegex(@"https://matching\.example\.jp(/p/demo/join/confirm\?token=[A-Za-z0-9_%-]+)")]
    private static partial Regex ConfirmLink();

    [Fact]
    public async Task A_person_registers_on_the_public_page_and_completes_it_by_the_link_in_the_mail()
    {
        await using var smtp = await SmtpListener.StartedAsync();
        await using var product = await EmbeddedProduct.StartAsync(
            "--Matching:Mail:Host", "127.0.0.1", "--Matching:Mail:Port", smtp.Port.ToString(CultureInfo.InvariantCulture),
            "--Matching:Mail:From", "databank@example.jp", "--Matching:Mail:Security", "none",
            "--Matching:Notifications:PollInterval", "00:00:00.200", "--Matching:Candidates:PublicAddress", "https://matching.example.jp/");
        await Poll.UntilAsync(async () => (await product.Client.GetAsync("/api/programs/demo/skills")).IsSuccessStatusCode, Slice.Eventually,
            "Candidates to know the demo program");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BrowserFixture.LaunchChromiumAsync(playwright);
        var page = await BrowserFixture.NewPageAsync(browser, product.Address);
        const string email = "haruka.selfreg@example.jp";

        await page.GotoAsync("/p/demo/join");
        await Assertions.Expect(page.GetByTestId("consent-text")).ToContainTextAsync("登録事業者への提供");
        var formViolations = await BrowserFixture.CheckScreenAsync(page, "60-self-registration");
        await page.GetByLabel("氏名").FillAsync("森 遥");
        await page.GetByLabel("フリガナ").FillAsync("モリ ハルカ");
        await page.GetByLabel("メールアドレス").FillAsync(email);
        await page.GetByLabel("居住地（都道府県）").SelectOptionAsync(new SelectOptionValue { Label = "東京都" });
        await page.GetByLabel("副業・兼業").CheckAsync();
        await page.GetByLabel("上記の利用（人材データバンクへの登録と求人の紹介）に同意します（必須）").CheckAsync();
        await page.GetByLabel("登録事業者へのプロフィールの提供に同意します（任意）").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "確認メールを送る" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sent")).ToBeVisibleAsync();
        var sentViolations = await BrowserFixture.CheckScreenAsync(page, "61-self-registration-sent");
        await Poll.UntilAsync(() => Task.FromResult(smtp.Received.Any(m => m.To.ToString().Contains(email, StringComparison.Ordinal))),
            Slice.Eventually, "the confirmation mail");
        var mail = smtp.Received.First(m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        var link = ConfirmLink().Match(mail.TextBody ?? "");
        await page.GotoAsync(link.Groups[1].Value);
        var confirmViolations = await BrowserFixture.CheckScreenAsync(page, "62-self-registration-confirm");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録を完了する" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("confirmed")).ToBeVisibleAsync();
        var doneViolations = await BrowserFixture.CheckScreenAsync(page, "63-self-registration-done");
        var found = await product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/candidates?q=" + Uri.EscapeDataString("モリ ハルカ"));
        var id = found.GetProperty("items")[0].GetProperty("id").GetGuid();
        var record = await product.Client.GetFromJsonAsync<JsonElement>($"/api/programs/demo/candidates/{id}");

        Assert.Empty(formViolations.Concat(sentViolations).Concat(confirmViolations).Concat(doneViolations));
        Assert.Equal("人材データバンクへのご登録の確認", mail.Subject);
        Assert.True(link.Success, mail.TextBody);
        Assert.Equal(email, record.GetProperty("email").GetString());
        Assert.Equal(["program", "registeredFirms"], record.GetProperty("consents").EnumerateArray().Select(c => c.GetProperty("recipient").GetString()).Order());
    }
}
