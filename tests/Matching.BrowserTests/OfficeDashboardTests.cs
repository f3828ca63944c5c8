using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Contracts;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>The program office opens the KPI dashboard, drills into a number, and downloads the report as CSV and Excel.</summary>
public sealed class OfficeDashboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Office_sees_progress_bars_drills_into_a_count_and_downloads_csv_and_xlsx_with_the_same_numbers()
    {
        var year = FiscalYear.Of(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9)));
        using var office = await TestUsers.SignInAsync(fixture.Product.Address, "office", BrowserFixture.DemoPassword);
        (await office.PostAsJsonAsync("/api/programs/demo/kpis", new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            baseline = 223, targets = new object[] { new { kind = "yearly", fiscalYear = year.StartYear, value = 8 } },
        })).EnsureSuccessStatusCode();
        (await office.PostAsJsonAsync("/api/programs/demo/kpis", new
        {
            code = "movers", name = "=HYPERLINK(\"x\") 移住者数", unit = "人", direction = "increase", source = "entered",
            targets = new object[] { new { kind = "yearly", fiscalYear = year.StartYear, value = 40 } },
        })).EnsureSuccessStatusCode();
        (await office.PutAsJsonAsync($"/api/programs/demo/kpis/movers/actuals/{year.StartYear}", new { value = 27 })).EnsureSuccessStatusCode();
        var company = await fixture.Product.Slice.RegisterCompanyAsync("demo", "株式会社ダッシュボード試験", "ダッシュボードシケン");
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(9));
        for (var i = 0; i < 3; i++)
            await fixture.Product.Slice.LogConsultationAsync("demo", company, today);

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "office");
        await page.GetByRole(AriaRole.Link, new() { Name = "KPI の進捗" }).ClickAsync();
        await Poll.UntilAsync(async () =>
        {
            await page.ReloadAsync();
            return (await page.GetByTestId("actual").First.InnerTextAsync()).Trim() == "3";
        }, Slice.Eventually, "the three consultations to be counted");

        Assert.Equal(2, await page.Locator("svg.bar").CountAsync());
        // The counted KPI has its monthly trend; this month's bar carries the three consultations.
        Assert.Equal(1, await page.Locator("svg.trend").CountAsync());
        Assert.Contains($"{today.Month}月 3", await page.Locator("svg.trend").GetAttributeAsync("aria-label"));
        var progressOnPage = (await page.GetByTestId("progress").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(["37.5%", "67.5%"], progressOnPage);
        var violations = await BrowserFixture.CheckScreenAsync(page, "15-office-kpi-dashboard");

        var csvDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV をダウンロード" }).ClickAsync());
        var csvPath = Path.Combine(BrowserFixture.Screenshots, "kpi.csv");
        await csvDownload.SaveAsAsync(csvPath);
        var xlsxDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Excel をダウンロード" }).ClickAsync());
        var xlsxPath = Path.Combine(BrowserFixture.Screenshots, "kpi.xlsx");
        await xlsxDownload.SaveAsAsync(xlsxPath);

        // The running year cannot be closed yet (a lock is never undone): the page says when it can.
        await Assertions.Expect(page.GetByTestId("lock-later")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "この年度を確定（公表）する" }).CountAsync());

        // The council page: the same figures in one table, printed without the page's tools.
        await page.GetByRole(AriaRole.Link, new() { Name = "議会資料用に印刷" }).ClickAsync();
        Assert.Equal(["37.5%", "67.5%"], (await page.GetByTestId("print-progress").AllInnerTextsAsync()).Select(t => t.Trim()).ToList());
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".report-tools").IsVisibleAsync());
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "19-council-print")];
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.GoBackAsync();

        // Drill down: the counted number opens the consultations behind it.
        await page.GetByTestId("actual").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByTestId("total")).ToHaveTextAsync("3 件");
        Assert.Equal(3, await page.Locator("tbody tr").CountAsync());
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "16-drill-down-consultations")];

        // Breakdowns add up to the number on the dashboard.
        await page.GotoAsync("/p/demo/progress");
        await page.GetByRole(AriaRole.Link, new() { Name = "市区町村別" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("breakdown-total")).ToHaveTextAsync("3");
        await Assertions.Expect(page.Locator("tbody th")).ToHaveTextAsync("北海道 北見市");
        await page.GetByRole(AriaRole.Link, new() { Name = "担当コーディネーター別" }).ClickAsync();
        await Assertions.Expect(page.Locator("tbody th")).ToHaveTextAsync("山田 太郎");
        Assert.Equal(["3"], (await page.GetByTestId("breakdown-count").AllInnerTextsAsync()).Select(t => t.Trim()).ToList());
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "18-breakdown-by-coordinator")];

        // CSV: UTF-8 with BOM, the page's numbers, and formula-like text escaped.
        var bytes = await File.ReadAllBytesAsync(csvPath);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("\"指標\"", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"経営者との相談件数\"", lines[1]);
        Assert.Contains(",8,3,37.5,\"37.5%\"", lines[1]);
        Assert.StartsWith("\"'=HYPERLINK", lines[2]);
        Assert.Contains(",40,27,67.5,\"67.5%\"", lines[2]);

        // xlsx: numbers as numbers, the same as the page.
        using (var workbook = SpreadsheetDocument.Open(xlsxPath, false))
        {
            var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().ToList();
            Assert.Equal(3, rows.Count);
            var first = rows[1].Elements<Cell>().ToList();
            Assert.Equal("経営者との相談件数", first[0].InnerText);
            Assert.Equal(CellValues.Number, first[8].DataType!.Value);
            Assert.Equal(3m, decimal.Parse(first[8].CellValue!.Text, CultureInfo.InvariantCulture));
            Assert.Equal(37.5m, decimal.Parse(first[9].CellValue!.Text, CultureInfo.InvariantCulture));
            // Formula-like text stays text: a text cell, no formula, and no visible apostrophe.
            var formulaLike = rows[2].Elements<Cell>().First();
            Assert.StartsWith("=HYPERLINK", formulaLike.InnerText);
            Assert.Null(formulaLike.CellFormula);
            Assert.Equal(CellValues.InlineString, formulaLike.DataType!.Value);
            Assert.Equal(67.5m, decimal.Parse(rows[2].Elements<Cell>().ElementAt(9).CellValue!.Text, CultureInfo.InvariantCulture));
        }
        Assert.Empty(violations);
    }
}
