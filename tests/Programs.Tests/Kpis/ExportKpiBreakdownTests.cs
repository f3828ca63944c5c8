using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Matching.Testing;

namespace Matching.Programs.Tests.Kpis;

/// <summary>
/// breakdown/export.csv and .xlsx: the breakdown's rows with their share, under a title naming the KPI, the program,
/// the fiscal year, 基準日 and the axis; English when asked.
/// </summary>
public sealed class ExportKpiBreakdownTests(EmbeddedProductFixture fixture) : IClassFixture<EmbeddedProductFixture>
{
    [Fact]
    public async Task The_csv_holds_the_breakdown_s_rows_and_shares_under_a_title_block()
    {
        var (program, office) = await ProgramWithConsultationsAsync();
        var breakdown = await office.GetFromJsonAsync<JsonElement>($"/api/programs/{program}/kpis/consultations/breakdown?fiscalYear=2025&asOf=2026-03-31&by=municipality");

        var lines = await ExportKpiProgressTests.CsvLinesAsync(office, $"/api/programs/{program}/kpis/consultations/breakdown/export.csv?fiscalYear=2025&asOf=2026-03-31&by=municipality");

        Assert.Equal(
        [
            "\"内訳：経営者との相談件数\"", "\"プログラム\",\"内訳出力テスト\"", "\"年度\",\"令和7年度\"", "\"基準日\",\"2026年3月31日\"",
            "\"指標\",\"経営者との相談件数\"", "\"内訳の軸\",\"市区町村別\"", "\"合計\",\"3\"", "\"注記\",\"割合は 件数 ÷ 合計 の百分率（小数第 2 位を四捨五入）。\"",
            "\"市区町村\",\"件数\",\"割合(%)\"", "\"北海道 北見市\",2,66.7", "\"北海道 札幌市\",1,33.3",
        ], lines);
        Assert.Equal(["北海道 北見市", "北海道 札幌市"], breakdown.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("label").GetString()));
    }

    [Fact]
    public async Task By_coordinator_the_file_has_main_and_sub_columns_and_speaks_english_when_asked()
    {
        var (program, office) = await ProgramWithConsultationsAsync();
        using var coordinator = await TestUsers.MemberAsync(fixture.Product.Admin, program, "coordinator");
        coordinator.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var lines = await ExportKpiProgressTests.CsvLinesAsync(coordinator, $"/api/programs/{program}/kpis/consultations/breakdown/export.csv?fiscalYear=2025&by=coordinator");

        Assert.Equal("\"Breakdown: 経営者との相談件数\"", lines[0]);
        Assert.Contains("\"Fiscal year\",\"FY2025\"", lines);
        Assert.Contains("\"As of\",\"2026-03-31\"", lines);
        Assert.Contains("\"Broken down by\",\"By coordinator\"", lines);
        var header = Array.IndexOf(lines, "\"Coordinator\",\"Count\",\"As main\",\"As sub\",\"Share (%)\"");
        Assert.True(header > 0, string.Join("\n", lines));
        Assert.Equal(["\"鈴木 花子\",3,2,1,100", "\"山田 太郎\",1,1,0,33.3"], lines[(header + 1)..]);
    }

    [Fact]
    public async Task The_workbook_is_valid_open_xml_with_numbers_as_numbers()
    {
        var (program, office) = await ProgramWithConsultationsAsync();

        var response = await office.GetAsync($"/api/programs/{program}/kpis/consultations/breakdown/export.xlsx?fiscalYear=2025&by=municipality");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), false);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        var rows = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        var first = rows.SkipWhile(r => r.InnerText != "市区町村件数割合(%)").ElementAt(1).Elements<Cell>().ToList();
        Assert.Equal("北海道 北見市", first[0].InnerText);
        Assert.Equal(CellValues.Number, first[1].DataType!.Value);
        Assert.Equal(2m, decimal.Parse(first[1].CellValue!.Text, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Unknown_and_entered_kpis_and_unknown_axes_are_refused_as_the_breakdown_refuses_them()
    {
        var program = $"bx-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "内訳出力テスト");
        using var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "movers", name = "移住者数", unit = "人", direction = "increase", source = "entered",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 10 } },
        })).EnsureSuccessStatusCode();

        var unknown = await office.GetAsync($"/api/programs/{program}/kpis/nothing/breakdown/export.csv?fiscalYear=2025&by=industry");
        var entered = await office.GetAsync($"/api/programs/{program}/kpis/movers/breakdown/export.xlsx?fiscalYear=2025&by=industry");
        var axis = await office.GetAsync($"/api/programs/{program}/kpis/movers/breakdown/export.csv?fiscalYear=2025&by=color");

        await Problem.ReadAsync(unknown, HttpStatusCode.NotFound);
        await Problem.ReadAsync(entered, HttpStatusCode.BadRequest);
        await Problem.ReadAsync(axis, HttpStatusCode.BadRequest);
    }

    /// <summary>Three consultations of FY2025: two in Kitami, one in Sapporo; 鈴木 花子 in all, once with 山田 太郎 as main.</summary>
    private async Task<(string Program, HttpClient Office)> ProgramWithConsultationsAsync()
    {
        var program = $"bx-{Guid.NewGuid():N}"[..16];
        await fixture.Slice.CreateProgramAsync(program, "内訳出力テスト");
        var office = await TestUsers.MemberAsync(fixture.Product.Admin, program, "office");
        (await office.PostAsJsonAsync($"/api/programs/{program}/kpis", new
        {
            code = "consultations", name = "経営者との相談件数", unit = "件", direction = "increase", source = "counted", countedKind = "consultation",
            targets = new[] { new { kind = "yearly", fiscalYear = 2025, value = 250 } },
        })).EnsureSuccessStatusCode();
        var kitami = await fixture.Slice.RegisterCompanyAsync(program, "株式会社北見精機", "キタミセイキ");
        var sapporo = await fixture.Slice.RegisterCompanyAsync(program, "札幌システム株式会社", "サッポロシステム", municipalityCode: "011002");
        await fixture.Slice.LogConsultationAsync(program, kitami, new DateOnly(2025, 6, 1), coordinator: "鈴木 花子");
        await fixture.Slice.LogConsultationAsync(program, sapporo, new DateOnly(2025, 8, 1), coordinator: "鈴木 花子");
        (await fixture.Product.Client.PostAsJsonAsync($"/api/programs/{program}/consultations",
            new { companyId = kitami, date = "2025-07-01", coordinators = new[] { "山田 太郎", "鈴木 花子" }, channel = "visit" })).EnsureSuccessStatusCode();
        await Poll.UntilAsync(async () => await fixture.Slice.ConsultationCountAsync(program, 2025) == 3, Slice.Eventually, "the three logs to be counted");
        return (program, office);
    }
}
