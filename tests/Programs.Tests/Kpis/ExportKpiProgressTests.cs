using System.Net;
using System.Net.Http.Json;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>progress.csv and progress.xlsx carry whatever the office typed without running it and without breaking.</summary>
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

    private async Task<(string Program, HttpClient Office)> ProgramWithKpiAsync(string name, string unit)
    {
        var program = "kpx-" + Guid.NewGuid().ToString("N")[..10];
        await fixture.Slice.CreateProgramAsync(program, "出力テスト");
        var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        var response = await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "k1", name, unit, direction = "increase", source = "entered",
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
        var row = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1);
        return [.. row.Elements<Cell>().Select(c => (Cell)c.CloneNode(true))];
    }
}
