using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>The coordinator's day: the home lists what is due, and a consultation is logged with the keyboard alone.</summary>
public sealed class CoordinatorDayTests(BrowserFixture fixture, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));

    [Fact]
    public async Task The_home_lists_overdue_next_actions_those_due_today_and_the_week_ahead_with_links()
    {
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社予定試験", "ヨテイシケン");
        await fixture.Product.Slice.LogConsultationAsync("demo", company, Today.AddDays(-60), coordinator: "外部 講師");
        var other = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社予定試験二", "ヨテイシケンニ");
        await fixture.Product.Slice.LogConsultationAsync("demo", other, Today.AddDays(-60), coordinator: "外部 講師");
        var third = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社予定試験三", "ヨテイシケンサン");
        await fixture.Product.Slice.LogConsultationAsync("demo", third, Today.AddDays(-60), coordinator: "外部 講師");
        async Task LogAsync(Guid id, DateOnly date, string nextAction, DateOnly due) =>
            Assert.Equal(HttpStatusCode.Created, (await fixture.Product.Client.PostAsJsonAsync("/api/programs/demo/consultations", new
            {
                companyId = id, date = Day(date), coordinators = new[] { "山田　太郎" }, channel = "visit", nextAction, nextActionDate = Day(due),
            })).StatusCode);
        await LogAsync(company, Today.AddDays(-30), "候補者像を整理して再訪問", Today.AddDays(-3));
        await LogAsync(other, Today, "社長に電話", Today);
        await LogAsync(third, Today, "求人票の下書きを送る", Today.AddDays(4));
        var page = await fixture.NewPageAsync(1366, 900);

        await BrowserFixture.SignInAsync(page, "coordinator");

        await Assertions.Expect(page.GetByTestId("due-overdue")).ToContainTextAsync("候補者像を整理して再訪問（株式会社予定試験）");
        await Assertions.Expect(page.GetByTestId("due-today")).ToContainTextAsync("社長に電話（株式会社予定試験二）");
        await Assertions.Expect(page.GetByTestId("due-week")).ToContainTextAsync("求人票の下書きを送る（株式会社予定試験三）");
        var violations = (await BrowserFixture.CheckScreenAsync(page, "75-coordinator-home-due-1366")).ToList();
        await page.SetViewportSizeAsync(768, 1024);
        violations.AddRange(await BrowserFixture.CheckScreenAsync(page, "75-coordinator-home-due-768"));
        await page.GetByRole(AriaRole.Link, new() { Name = "候補者像を整理して再訪問（株式会社予定試験）" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("候補者像を整理して再訪問");
        Assert.Empty(violations);
    }

    [Fact]
    public async Task A_consultation_is_logged_by_keyboard_alone_in_at_most_twenty_non_text_keystrokes()
    {
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社キーボード試験", "キーボードシケン");
        await fixture.Product.Slice.LogConsultationAsync("demo", company, Today.AddDays(-1), coordinator: "外部 講師");
        var page = await fixture.NewPageAsync(1366, 900);
        await BrowserFixture.SignInAsync(page, "coordinator");
        await page.GotoAsync("/p/demo/consultations/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Combobox, new() { Name = "企業" })).ToBeFocusedAsync();
        var keys = new List<string>();
        async Task PressAsync(string key, int times = 1)
        {
            for (var i = 0; i < times; i++)
            {
                keys.Add(key);
                await page.Keyboard.PressAsync(key);
            }
        }

        await page.Keyboard.TypeAsync("きーぼ");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "株式会社キーボード試験" })).ToBeVisibleAsync();
        await PressAsync("ArrowDown");
        await PressAsync("Tab"); // takes the highlighted company and moves on to the date
        await Assertions.Expect(page.Locator("input[name=companyId]")).ToHaveValueAsync(company.ToString());
        // The date (today) as it comes: Chromium stops on its month, day and year and on its calendar button; the
        // channel (visit) as it comes too; on to the first issue.
        await PressAsync("Tab", 5);
        await Assertions.Expect(page.GetByLabel("販路開拓")).ToBeFocusedAsync();
        await PressAsync("Space");
        await PressAsync("Tab", 9); // past the other seven issues and the other issue, into the notes
        await Assertions.Expect(page.GetByLabel("相談内容")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("首都圏向けの販路開拓。営業責任者の採用を検討。");
        await PressAsync("Tab");
        await page.Keyboard.TypeAsync("候補者像をまとめて再訪問");
        await PressAsync("Tab");
        var due = Today.AddDays(7);
        // Digits into the date's fields, in the order this Chromium shows them (month, day, year).
        await page.Keyboard.TypeAsync(due.ToString("MMddyyyy", CultureInfo.InvariantCulture));
        await PressAsync("Enter"); // a text field's Enter sends the form
        await page.WaitForURLAsync("**/p/demo/consultations/*?saved=true");

        await Assertions.Expect(page.GetByTestId("saved")).ToContainTextAsync("相談を記録しました");
        var main = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(main).ToContainTextAsync("株式会社キーボード試験");
        await Assertions.Expect(main).ToContainTextAsync("販路開拓");
        await Assertions.Expect(main).ToContainTextAsync("候補者像をまとめて再訪問");
        await Assertions.Expect(main).ToContainTextAsync("山田 太郎");
        await Assertions.Expect(main).ToContainTextAsync($"{due.Year}年{due.Month}月{due.Day}日");
        output.WriteLine($"Non-text keystrokes from the open form to the saved page: {keys.Count} ({string.Join(" ", keys)})");
        await File.WriteAllTextAsync(Path.Combine(BrowserFixture.Screenshots, "keystrokes.txt"), $"{keys.Count}: {string.Join(" ", keys)}\n");
        Assert.True(keys.Count <= 20, $"{keys.Count} non-text keystrokes: {string.Join(" ", keys)}");
    }
}
