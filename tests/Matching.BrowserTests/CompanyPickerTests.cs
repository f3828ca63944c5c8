using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// 企業の選択 at the scale of a real program: 5,000 companies, and the one wanted far beyond the first hundred in 50音順,
/// found by typing a few kana and chosen with the keyboard alone; without script, by a search and a radio button.
/// </summary>
public sealed class CompanyPickerTests(CompanyPickerTests.ScaleFixture scale) : IClassFixture<CompanyPickerTests.ScaleFixture>
{
    /// <summary>The browser fixture (5,000 imported companies) and 株式会社ワッカナイ水産 (ワ: last in 50音順) known to Coordinators.</summary>
    public sealed class ScaleFixture : IAsyncLifetime
    {
        public BrowserFixture Browser { get; } = new();

        public Guid Wanted { get; private set; }

        public async ValueTask InitializeAsync()
        {
            await Browser.InitializeAsync();
            Wanted = await Browser.Product.Slice.RegisterCompanyAsync("demo", "株式会社ワッカナイ水産", "ワッカナイスイサン", municipalityCode: "012149");
            await Poll.UntilAsync(() => Task.FromResult(CoordinatorsKnow(Wanted)), Slice.Eventually, "Coordinators to know 株式会社ワッカナイ水産");
        }

        private bool CoordinatorsKnow(Guid company)
        {
            using var db = Browser.Product.OpenDatabase("coordinators");
            using var command = db.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM companies WHERE id = $id";
            command.Parameters.AddWithValue("$id", company.ToString());
            return (long)command.ExecuteScalar()! > 0;
        }

        public ValueTask DisposeAsync() => Browser.DisposeAsync();
    }

    [Theory]
    [InlineData(1366, 900)]
    [InlineData(768, 1024)]
    public async Task A_company_beyond_the_first_hundred_is_found_by_three_kana_and_chosen_by_keyboard_alone(int width, int height)
    {
        var firstHundred = await scale.Browser.Product.Client.GetFromJsonAsync<JsonElement>("/api/programs/demo/companies?pageSize=100");
        Assert.DoesNotContain(firstHundred.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == scale.Wanted);
        var page = await scale.Browser.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/consultations/new");
        var field = page.GetByRole(AriaRole.Combobox, new() { Name = "企業" });
        await Assertions.Expect(field).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("わっか");
        var option = page.GetByRole(AriaRole.Option, new() { Name = "株式会社ワッカナイ水産" });
        await Assertions.Expect(option).ToBeVisibleAsync();
        await Assertions.Expect(option).ToContainTextAsync("稚内市");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-activedescendant", $"option-{scale.Wanted}");
        var violations = await BrowserFixture.CheckScreenAsync(page, $"70-company-combobox-{width}");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(field).ToHaveValueAsync("株式会社ワッカナイ水産");
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(page.Locator("input[name=companyId]")).ToHaveValueAsync(scale.Wanted.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/consultations/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("株式会社ワッカナイ水産");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Without_script_the_company_is_searched_and_picked_and_what_was_typed_stays()
    {
        var page = await scale.Browser.NewPageAsync(1366, 900, javaScript: false);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/consultations/new");
        await page.GetByLabel("相談内容").FillAsync("スクリプトなしでの記録");

        await page.Locator("#companyQuery").FillAsync("ﾜｯｶﾅｲ");
        await page.GetByRole(AriaRole.Button, new() { Name = "検索" }).ClickAsync();
        await page.GetByRole(AriaRole.Radio, new() { Name = "株式会社ワッカナイ水産" }).CheckAsync();
        await Assertions.Expect(page.GetByLabel("相談内容")).ToHaveValueAsync("スクリプトなしでの記録");
        var violations = await BrowserFixture.CheckScreenAsync(page, "71-company-search-without-script");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();

        await page.WaitForURLAsync("**/p/demo/consultations/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("株式会社ワッカナイ水産");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("スクリプトなしでの記録");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Seminar_participants_come_from_the_combobox_and_a_name_not_registered_gets_suggestions()
    {
        var page = await scale.Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/seminars");
        await page.GetByLabel("名称").FillAsync("稚内の事業承継セミナー");
        await page.GetByRole(AriaRole.Combobox, new() { Name = "参加企業を探して加える" }).FocusAsync();
        await page.Keyboard.TypeAsync("規模試験4999");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "株式会社規模試験4999" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "株式会社規模試験4999" })).ToBeCheckedAsync();
        await page.GetByLabel("参加企業の名前").FillAsync("(株)わっかない");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();

        var suggestions = page.GetByRole(AriaRole.Group, new() { Name = "「(株)わっかない」の候補" });
        await suggestions.GetByRole(AriaRole.Checkbox, new() { Name = "株式会社ワッカナイ水産" }).CheckAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "株式会社規模試験4999" })).ToBeCheckedAsync();
        var violations = await BrowserFixture.CheckScreenAsync(page, "72-seminar-suggestions");
        await page.GetByRole(AriaRole.Button, new() { Name = "記録する" }).ClickAsync();

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "稚内の事業承継セミナー" });
        await Assertions.Expect(row).ToContainTextAsync("2社");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_need_opened_without_a_company_takes_one_found_by_its_corporate_number_and_a_refused_post_focuses_the_first_error()
    {
        var company = await scale.Browser.Product.Slice.RegisterCompanyAsync("demo", "株式会社法人番号試験", "ホウジンバンゴウシケン", corporateNumber: "2000012010019");
        var page = await scale.Browser.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await Poll.UntilAsync(async () =>
        {
            await page.GotoAsync("/p/demo/needs/new");
            await page.Keyboard.TypeAsync("2000012010019");
            return await page.GetByRole(AriaRole.Option, new() { Name = "株式会社法人番号試験" }).IsVisibleAsync();
        }, Slice.Eventually, "Coordinators to know 株式会社法人番号試験");
        var field = page.GetByRole(AriaRole.Combobox, new() { Name = "企業" });
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(field).ToHaveValueAsync("株式会社法人番号試験");
        await Assertions.Expect(page.Locator("input[name=companyId]")).ToHaveValueAsync(company.ToString());

        // No role: refused, the company kept, and the role (the first field in error) focused.
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#role")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("input[name=companyId]")).ToHaveValueAsync(company.ToString());
        var violations = await BrowserFixture.CheckScreenAsync(page, "79-need-company-by-corporate-number");
        await page.Keyboard.TypeAsync("製造部長");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/needs/*");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("株式会社法人番号試験");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("製造部長");
        Assert.Empty(violations);
    }
}
