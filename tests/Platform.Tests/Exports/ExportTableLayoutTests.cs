using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using Matching.Platform.Exports;

namespace Matching.Platform.Tests.Exports;

/// <summary>A report explains itself above its table, and its workbook prints as a document: widths, header, A4, pages.</summary>
public sealed class ExportTableLayoutTests
{
    private static readonly ExportTitle Title = new("数値目標の進捗", [("プログラム", "北海道 & 道東"), ("基準日", "2026-03-31"), ("注記", "=1+1")]);

    [Fact]
    public void Csv_of_a_report_has_the_title_and_its_lines_then_an_empty_line_then_the_table()
    {
        var table = new ExportTable(["指標", "実績値"], Title);
        table.Add("相談件数", 3m);

        var csv = Encoding.UTF8.GetString(table.ToCsv()[3..]);

        Assert.Equal(
            "\"数値目標の進捗\"\r\n\"プログラム\",\"北海道 & 道東\"\r\n\"基準日\",\"2026-03-31\"\r\n\"注記\",\"'=1+1\"\r\n\r\n\"指標\",\"実績値\"\r\n\"相談件数\",3\r\n",
            csv);
    }

    [Fact]
    public void Workbook_of_a_report_is_valid_open_xml()
    {
        var table = new ExportTable(["指標", "実績値"], Title);
        table.Add("相談件数", 3m);

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗's")), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void Workbook_of_a_report_has_a_bold_title_and_freezes_and_repeats_the_header_row()
    {
        var table = new ExportTable(["指標", "実績値"], Title);
        table.Add("相談件数", 3m);

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗")), false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var titleFormat = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)rows[0].Elements<Cell>().First().StyleIndex!.Value);

        Assert.Equal("数値目標の進捗", rows[0].InnerText);
        Assert.NotNull(styles.Fonts!.Elements<Font>().ElementAt((int)titleFormat.FontId!.Value).Bold);
        Assert.Equal("指標", rows[5].Elements<Cell>().First().InnerText);
        Assert.Equal(6u, rows[5].RowIndex!.Value);
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal("A7", pane.TopLeftCell!.Value);
        var printTitles = workbook.Workbook.Descendants<DefinedName>().Single(n => n.Name == "_xlnm.Print_Titles");
        Assert.Equal("'進捗'!$6:$6", printTitles.Text);
    }

    [Fact]
    public void Workbook_prints_on_a4_one_page_wide_with_title_page_number_and_print_date()
    {
        var table = new ExportTable(["指標"], Title);

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗")), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var setup = sheet.Descendants<PageSetup>().Single();

        Assert.Equal(9u, setup.PaperSize!.Value);
        Assert.Equal(1u, setup.FitToWidth!.Value);
        Assert.Equal(0u, setup.FitToHeight!.Value);
        Assert.True(sheet.Descendants<PageSetupProperties>().Single().FitToPage!.Value);
        Assert.Equal(OrientationValues.Portrait, setup.Orientation!.Value);
        Assert.Equal("&C数値目標の進捗", sheet.Descendants<OddHeader>().Single().Text);
        Assert.Equal("&L&D&R&P / &N", sheet.Descendants<OddFooter>().Single().Text);
    }

    [Fact]
    public void Columns_are_as_wide_as_their_content_wide_characters_counting_two_up_to_a_cap()
    {
        var table = new ExportTable(["指標", "code", "相談内容"]);
        table.Add("経営者との相談件数", "abcdefghijkl", new string('あ', 200));

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗")), false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var widths = sheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();

        Assert.Equal([9 * 2 + 2, 12 + 2, 60], widths);
        Assert.Equal(OrientationValues.Landscape, sheet.Descendants<PageSetup>().Single().Orientation!.Value);
    }

    [Fact]
    public void A_plain_export_starts_with_its_header_and_repeats_the_first_row()
    {
        var table = new ExportTable(["指標"]);

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗")), false);

        Assert.Equal("'進捗'!$1:$1", document.WorkbookPart!.Workbook.Descendants<DefinedName>().Single().Text);
        Assert.Equal("\"指標\"\r\n", Encoding.UTF8.GetString(table.ToCsv()[3..]));
    }

    [Theory]
    [InlineData("abc", 3)]
    [InlineData("北見市", 6)]
    [InlineData("ｷﾀﾐ", 3)]
    [InlineData("ＡＢ", 4)]
    [InlineData("𠮷野家", 6)]
    [InlineData("短い\n長い行の方", 10)]
    public void Display_width_counts_east_asian_wide_characters_as_two(string text, int width)
    {
        Assert.Equal(width, ExportTable.DisplayWidth(text));
    }
}
