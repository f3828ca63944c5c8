using System.Text;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>人材リストの取込 in Chromium: the coordinator uploads the office's talent list, sees the row left out as a duplicate, imports the rest.</summary>
public sealed class TalentListImportScreensTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_talent_list_is_checked_with_its_duplicate_row_shown_then_imported_and_its_people_are_in_the_data_bank()
    {
        var violations = new List<string>();
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "coordinator");
        var list = "氏名,フリガナ,メールアドレス,居住地,希望雇用形態,スキル,登録事業者への提供の同意,同意文の版,同意日\r\n" +
                   "取込 花子,トリコミ ハナコ,hanako.torikomi@list.example.jp,北海道,副業・兼業,営業,はい,2024-04,2024/4/1\r\n" +
                   "取込 次郎,トリコミ ジロウ,jiro.torikomi@list.example.jp,東京都,正社員,,,,\r\n" +
                   "取込 はなこ,トリコミ ハナコ,hanako.torikomi@list.example.jp,北海道,副業・兼業,,,,\r\n";

        await page.GotoAsync("/p/demo/candidates");
        await page.GetByRole(AriaRole.Link, new() { Name = "人材リストを取り込む" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("人材リスト", new() { Exact = false })).ToBeCheckedAsync();
        await page.Locator("#file").SetInputFilesAsync(new FilePayload
        {
            Name = "人材リスト.csv", MimeType = "text/csv", Buffer = [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(list)],
        });
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "76-talent-list-upload"));
        await page.GetByRole(AriaRole.Button, new() { Name = "読み込んで確認する" }).ClickAsync();
        await page.WaitForURLAsync("**/p/demo/imports/candidates/*");
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync("実行できます");
        await Assertions.Expect(page.Locator("table.warnings")).ToContainTextAsync("2 行目と同じ方と思われる");
        Assert.Equal("consentToFirms", await page.GetByLabel("登録事業者への提供の同意").InputValueAsync());
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "77-talent-list-checked"));
        await page.GetByRole(AriaRole.Button, new() { Name = "取込を実行する" }).ClickAsync();
        await Assertions.Expect(page.Locator("#import-status")).ToContainTextAsync("取込完了", new() { Timeout = 60_000 });
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "78-talent-list-done"));

        await page.GetByRole(AriaRole.Link, new() { Name = "登録者の一覧へ" }).ClickAsync();
        await page.GotoAsync("/p/demo/candidates?q=" + Uri.EscapeDataString("とりこみ"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "取込 花子" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "取込 次郎" })).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "取込 はなこ" }).CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "取込 花子" }).ClickAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("取込（リストに記載の同意）");
        Assert.Empty(violations);
    }
}
