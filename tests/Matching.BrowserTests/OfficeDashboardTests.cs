using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Contracts;
using Matching.Testing;
using Microsoft.Playwright;

namespace Matching.BrowserTests;

/// <summary>
/// The program office opens the KPI dashboard, drills into a number, downloads the report and a breakdown as CSV and
/// Excel, and prints the council page to a PDF with page numbers and the print date.
/// </summary>
public sealed class OfficeDashboardTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A4's 210 mm less the council page's 12 mm margins each side, in CSS pixels (96 to the inch).</summary>
    private const int PrintableWidth = (int)(186 / 25.4 * 96);

    /// <summary>The text of a PDF by poppler's pdftotext (installed by .ci/install.sh), pages separated by form feeds.</summary>
    private static async Task<string> PdfTextAsync(string path)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftotext", ["-layout", path, "-"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
        })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        return text;
    }

    /// <summary>
    /// The x positions (pixels at 150 dpi) of the long vertical lines on a PDF's first page, rendered by poppler's
    /// pdftoppm as a greyscale PGM: a column of pixels dark for at least <paramref name="minimumRun"/> rows in a row is a
    /// line (glyph strokes are far shorter); neighbouring columns are one line.
    /// </summary>
    private static async Task<List<int>> VerticalLinesAsync(string pdfPath, int minimumRun)
    {
        var prefix = Path.Combine(Path.GetDirectoryName(pdfPath)!, Path.GetFileNameWithoutExtension(pdfPath) + "-page");
        using (var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pdftoppm", ["-gray", "-r", "150", "-f", "1", "-l", "1", pdfPath, prefix])
               { RedirectStandardError = true })!)
        {
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await process.StandardError.ReadToEndAsync());
        }
        var image = await File.ReadAllBytesAsync(Directory.GetFiles(Path.GetDirectoryName(pdfPath)!, Path.GetFileName(prefix) + "-*.pgm").Single());
        // P5: "P5\n<width> <height>\n<max>\n" then one byte per pixel.
        var header = Encoding.ASCII.GetString(image, 0, 32).Split('\n');
        var size = header[1].Split(' ');
        var (width, height) = (int.Parse(size[0], CultureInfo.InvariantCulture), int.Parse(size[1], CultureInfo.InvariantCulture));
        var offset = header[0].Length + header[1].Length + header[2].Length + 3;
        var lines = new List<int>();
        for (var x = 0; x < width; x++)
        {
            int run = 0, longest = 0;
            for (var y = 0; y < height; y++)
                longest = Math.Max(longest, run = image[offset + y * width + x] < 100 ? run + 1 : 0);
            if (longest >= minimumRun && (lines.Count == 0 || x - lines[^1] > 2))
                lines.Add(x);
        }
        return lines;
    }

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
        var printedOn = $"印刷日：{today.Year}年{today.Month}月{today.Day}日";
        await Assertions.Expect(page.GetByTestId("print-date")).ToHaveTextAsync(printedOn);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator(".report-tools").IsVisibleAsync());
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "19-council-print")];
        // At the printable width of A4 (210 mm less 12 mm margins each side) main and its table fit: the right border is on the paper.
        await page.SetViewportSizeAsync(PrintableWidth, 1000);
        var edges = await page.EvaluateAsync<double[]>(
            "() => [document.querySelector('main').getBoundingClientRect().right, document.querySelector('.report-table').getBoundingClientRect().right, document.documentElement.scrollWidth]");
        Assert.All(edges, right => Assert.True(right <= PrintableWidth, $"right edges {string.Join(", ", edges)} beyond the printable {PrintableWidth} px"));
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "19-council-print-a4")];
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        foreach (var width in new[] { 1366, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, $"19-council-print-{width}")];
        }
        await page.SetViewportSizeAsync(1280, 900);
        // The PDF: every page carries "n / N" and the print date, from the page's margin boxes.
        var pdfPath = Path.Combine(BrowserFixture.Screenshots, "19-council-print.pdf");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.PdfAsync(new() { PreferCSSPageSize = true, Path = pdfPath });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        // The table keeps every border on the paper: one vertical line more than it has columns, the last at the right
        // edge of the printable width (A4 less 12 mm a side: 71 to 1169 px at 150 dpi).
        var columns = await page.Locator(".report-table").First.Locator("thead th").CountAsync();
        var verticals = await VerticalLinesAsync(pdfPath, minimumRun: 60);
        Assert.True(verticals.Count == columns + 1, $"{verticals.Count} vertical lines at {string.Join(", ", verticals)} for {columns} columns");
        Assert.InRange(verticals[^1], 1160, 1172);
        var pdfPages = (await PdfTextAsync(pdfPath)).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();
        Assert.NotEmpty(pdfPages);
        for (var i = 0; i < pdfPages.Count; i++)
        {
            // pdftotext may drop the spaces around the slash of "1 / 2".
            Assert.Matches($@"(?m)\b{i + 1}\s*/\s*{pdfPages.Count}\s*$", pdfPages[i]);
            Assert.Contains(printedOn, pdfPages[i], StringComparison.Ordinal);
        }
        // In English the date at the foot of the page is English too.
        var english = await page.APIRequest.GetAsync($"/print-date.css?date={today:yyyy-MM-dd}&culture=en");
        Assert.Contains($"Printed: {today.ToString("d MMM yyyy", CultureInfo.InvariantCulture)}", await english.TextAsync(), StringComparison.Ordinal);
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
        foreach (var width in new[] { 1366, 768 })
        {
            await page.SetViewportSizeAsync(width, 900);
            violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, $"18-breakdown-by-coordinator-{width}")];
        }
        await page.SetViewportSizeAsync(1280, 900);

        // The breakdown downloads as the table on the page, under a title naming the KPI, year, 基準日 and axis.
        var breakdownDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "CSV をダウンロード" }).ClickAsync());
        var breakdownPath = Path.Combine(BrowserFixture.Screenshots, "breakdown.csv");
        await breakdownDownload.SaveAsAsync(breakdownPath);
        var breakdownLines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(breakdownPath))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"内訳：経営者との相談件数\"", breakdownLines[0]);
        Assert.Contains($"\"基準日\",\"{year.LastDay.Year}年3月31日\"", breakdownLines);
        Assert.Contains("\"内訳の軸\",\"担当コーディネーター別\"", breakdownLines);
        var breakdownHeader = Array.IndexOf(breakdownLines, "\"担当コーディネーター\",\"件数\",\"うちメイン\",\"うちサブ\",\"割合(%)\"");
        Assert.True(breakdownHeader > 0, string.Join("\n", breakdownLines));
        var fileRows = breakdownLines[(breakdownHeader + 1)..].Select(line =>
        {
            var cells = line.Split(',').Select(c => c.Trim('"')).ToArray();
            return string.Join("|", cells[..4].Append(decimal.Parse(cells[4], CultureInfo.InvariantCulture).ToString("0.0", CultureInfo.InvariantCulture) + "%"));
        }).ToList();
        var pageRows = new List<string>();
        foreach (var row in await page.Locator("tbody tr").AllAsync())
        {
            pageRows.Add(string.Join("|", (await row.Locator("th").InnerTextAsync()).Trim(),
                (await row.GetByTestId("breakdown-count").InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal),
                (await row.GetByTestId("breakdown-as-main").InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal),
                (await row.GetByTestId("breakdown-as-sub").InnerTextAsync()).Trim().Replace(",", "", StringComparison.Ordinal),
                (await row.Locator("td span").Last.InnerTextAsync()).Trim()));
        }
        Assert.Equal(pageRows, fileRows);
        // Switched to English, the page's download is English too: the API reads the same language cookie.
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        var englishDownload = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        var englishPath = Path.Combine(BrowserFixture.Screenshots, "breakdown-en.csv");
        await englishDownload.SaveAsAsync(englishPath);
        var englishLines = Encoding.UTF8.GetString((await File.ReadAllBytesAsync(englishPath))[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"Breakdown: 経営者との相談件数\"", englishLines[0]);
        Assert.Contains("\"Coordinator\",\"Count\",\"As main\",\"As sub\",\"Share (%)\"", englishLines);
        violations = [.. violations, .. await BrowserFixture.CheckScreenAsync(page, "18-breakdown-by-coordinator-en")];

        // CSV: UTF-8 with BOM, the page's numbers, and formula-like text escaped.
        var bytes = await File.ReadAllBytesAsync(csvPath);
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var all = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Above the table: what the report is, whose, which year, 基準日 and how the percentages are computed.
        Assert.Equal("\"数値目標（KPI）の進捗\"", all[0]);
        Assert.Contains("\"基準日\"", all[3]);
        Assert.StartsWith("\"進捗率の算定\",\"増加を目指す指標は 実績値 ÷ 目標値", all[5]);
        var lines = all[6..];
        Assert.StartsWith("\"指標\"", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"経営者との相談件数\"", lines[1]);
        Assert.Contains(",8,3,37.5,\"37.5%\"", lines[1]);
        Assert.StartsWith("\"'=HYPERLINK", lines[2]);
        Assert.Contains(",40,27,67.5,\"67.5%\"", lines[2]);

        // xlsx: numbers as numbers, the same as the page.
        using (var workbook = SpreadsheetDocument.Open(xlsxPath, false))
        {
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook));
            var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.GetFirstChild<SheetData>()!.Elements<Row>().SkipWhile(r => r.Elements<Cell>().FirstOrDefault()?.InnerText != "指標").ToList();
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
