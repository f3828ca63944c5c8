using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// progress.csv and progress.xlsx explain themselves above the table, in the asker's language, and carry whatever the
/// office typed without running it and without breaking.
/// </summary>
public sealed class ExportKpiProgressTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task Formula_like_names_are_neutralised_in_csv_and_stay_text_without_an_apostrophe_in_xlsx()
    {
        var (program, office) = await ProgramWithKpiAsync("＝HYPERLINK(\"http://x\")", "|件");

        var csv = Encoding.UTF8.GetString((await office.GetByteArrayAsync($"/api/programs/{program}/kpis/progress.csv?fiscalYear=2025"))[3..]);
        var cells = await XlsxRowAsync(office, program);

        Assert.Contains("\"'＝HYPERLINK(\"\"http://x\"\")\",\"'|件\"", csv, StringComparison.Ordinal);
        Assert.Equal("＝HYPERLINK(\"http://x\")", cells[0].InlineString?.InnerText);
        Assert.Equal("|件", cells[1].InlineString?.InnerText);
        Assert.All(cells.Take(2), c => Assert.Equal(CellValues.InlineString, c.DataType?.Value));
    }

    [Fact]
    public async Task A_kpi_name_holding_NUL_does_not_break_the_xlsx_export()
    {
        var (program, office) = await ProgramWithKpiAsync("相談件数", "件");
        // Stored before input refused control characters, or written by another route: the writer must still cope.
        using (var db = fixture.Product.OpenDatabase("programs"))
        using (var command = db.CreateCommand())
        {
            command.CommandText = "UPDATE kpi_definitions SET name = $name WHERE program = $program";
            command.Parameters.AddWithValue("$name", "相談\0件数\u0001\uD800");
            command.Parameters.AddWithValue("$program", program);
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var cells = await XlsxRowAsync(office, program);
        var csv = await office.GetAsync($"/api/programs/{program}/kpis/progress.csv?fiscalYear=2025");

        Assert.Equal("相談件数\uFFFD", cells[0].InlineString?.InnerText);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
    }

    [Fact]
    public async Task The_report_names_its_program_year_as_of_date_and_rule_of_the_percentages_above_the_table()
    {
        var (program, office) = await ProgramWithKpiAsync("移住者数", "人");

        var lines = await CsvLinesAsync(office, $"/api/programs/{program}/kpis/progress.csv?fiscalYear=2025&asOf=2025-12-31");

        Assert.Equal(
        [
            "\"数値目標（KPI）の進捗\"", "\"プログラム\",\"出力テスト\"", "\"年度\",\"令和7年度\"", "\"基準日\",\"2025年12月31日\"",
            "\"状態\",\"速報値（未確定）\"",
            "\"進捗率の算定\",\"増加を目指す指標は 実績値 ÷ 目標値、減少を目指す指標は 目標値 ÷ 実績値（実績値が事業開始前の値より悪化している場合は 0%）。"
            + "百分率の小数第 2 位を四捨五入。実績値がないものは「-」。100% を超える場合があります。累計の行は、期間の初年度から選んだ年度までの実績の合計を目標値と比べます。\"",
            "\"指標\",\"単位\",\"方向\",\"事業開始前\",\"目標区分\",\"開始年度\",\"終了年度\",\"目標値\",\"実績値\",\"進捗率(%)\",\"進捗\"",
            "\"移住者数\",\"人\",\"増加\",,\"令和7年度 増加分\",2025,2025,10,,,\"-\"",
        ], lines);
    }

    [Fact]
    public async Task In_english_the_report_s_title_labels_headers_and_line_names_are_english()
    {
        var (program, office) = await ProgramWithKpiAsync("移住者数", "人", nameEn: "People who moved in");
        office.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var lines = await CsvLinesAsync(office, $"/api/programs/{program}/kpis/progress.csv?fiscalYear=2025");

        Assert.Equal("\"KPI progress\"", lines[0]);
        Assert.Equal(["\"Program\",\"出力テスト\"", "\"Fiscal year\",\"FY2025\"", "\"As of\",\"2026-03-31\"", "\"Status\",\"Provisional (not yet published)\""], lines[1..5]);
        Assert.StartsWith("\"Progress rule\",\"Indicators to increase: actual ÷ target; to decrease: target ÷ actual", lines[5], StringComparison.Ordinal);
        Assert.Equal("\"KPI\",\"Unit\",\"Direction\",\"Baseline\",\"Target\",\"From FY\",\"To FY\",\"Target value\",\"Actual\",\"Progress (%)\",\"Progress\"", lines[6]);
        Assert.Equal("\"People who moved in\",\"people\",\"Increase\",,\"FY2025 increase\",2025,2025,10,,,\"-\"", lines[7]);
    }

    /// <summary>A CSV export's lines, after checking it is one (UTF-8 with BOM), empty lines left out.</summary>
    internal static async Task<string[]> CsvLinesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    private async Task<(string Program, HttpClient Office)> ProgramWithKpiAsync(string name, string unit, string? nameEn = null)
    {
        var program = "kpx-" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Slice.CreateProgramAsync(program, "出力テスト");
        var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        var response = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "k1", name, nameEn, unit, direction = "increase", source = "entered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 10 } },
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (program, office);
    }

    private static async Task<List<Cell>> XlsxRowAsync(HttpClient office, string program)
    {
        var response = await office.GetAsync($"/api/programs/{program}/kpis/progress.xlsx?fiscalYear=2025");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        // The first row after the header: a title block comes first.
        var row = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()
            .SkipWhile(r => r.Elements<Cell>().FirstOrDefault()?.InnerText != "指標").ElementAt(1);
        return [.. row.Elements<Cell>().Select(c => (Cell)c.CloneNode(true))];
    }
}
