using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Platform.Exports;

namespace Matching.Platform.Tests.Exports;

/// <summary>One rule for every export: formula-like text never runs, in CSV or in Excel, and no string breaks a writer.</summary>
public sealed class ExportTableTests
{
    public static TheoryData<string> FormulaLike =>
        ["=1+1", "+81 山田", "-佐藤", "@SUM(A1)", "＝1+1", "＋1", "－1", "＠SUM(A1)", "|calc!A1", "\t=1+1", "\r=1+1", "｜calc!A1"];

    [Theory]
    [MemberData(nameof(FormulaLike))]
    public void Formula_like_text_gets_a_leading_apostrophe_in_csv(string text)
    {
        var table = new ExportTable(["名前"]);
        table.Add(text);

        var csv = Csv(table);

        Assert.Equal($"\"名前\"\r\n\"'{text}\"\r\n", csv);
    }

    [Theory]
    [InlineData("株式会社オホーツク精機")]
    [InlineData("0157-23-4567")]
    [InlineData(" =1+1")]
    [InlineData("a=b")]
    [InlineData("-")]
    [InlineData("－")]
    public void Other_text_is_written_as_it_is(string text)
    {
        Assert.Equal(text, SpreadsheetText.ForCsv(text));
    }

    [Fact]
    public void Csv_quotes_text_and_leaves_numbers_and_empty_cells_bare()
    {
        var table = new ExportTable(["指標", "目標値", "実績値"]);
        table.Add("相談件数 \"訪問\"", 250m, (decimal?)null);

        Assert.Equal("\"指標\",\"目標値\",\"実績値\"\r\n\"相談件数 \"\"訪問\"\"\",250,\r\n", Csv(table));
    }

    [Theory]
    [MemberData(nameof(FormulaLike))]
    public void Formula_like_text_is_a_text_cell_in_xlsx_without_a_visible_apostrophe(string text)
    {
        var table = new ExportTable(["名前"]);
        table.Add(text);

        var (cell, stylesheet) = SecondRowFirstCell(table.ToXlsx("進捗"));

        Assert.Equal(CellValues.InlineString, cell.DataType?.Value);
        // XML reads a CR as a line break, and a line break in an Excel cell is LF.
        Assert.Equal(text.Replace('\r', '\n'), cell.InlineString?.InnerText);
        var format = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(cell.StyleIndex?.Value ?? 0));
        Assert.True(format.QuotePrefix?.Value, "formula-like text keeps Excel's hidden quote prefix");
    }

    [Fact]
    public void Plain_text_and_numbers_keep_their_types_in_xlsx()
    {
        var table = new ExportTable(["指標", "目標値"]);
        table.Add("相談件数", 250.5m);

        using var document = SpreadsheetDocument.Open(new MemoryStream(table.ToXlsx("進捗")), false);
        var cells = document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().ToList();

        Assert.Equal(CellValues.InlineString, cells[0].DataType?.Value);
        Assert.Null(cells[0].StyleIndex);
        Assert.Equal(CellValues.Number, cells[1].DataType?.Value);
        Assert.Equal("250.5", cells[1].CellValue?.Text);
    }

    // Built in code: an attribute cannot carry a lone surrogate (its string is stored as UTF-8).
    public static TheoryData<string, string> Unwritable => new()
    {
        { "相談\0件数", "相談件数" },
        { "相談\u0001\u001F件数\uFFFE", "相談件数" },
        { "相談\uD800件数", "相談\uFFFD件数" },
        { "相談\uDC00件数", "相談\uFFFD件数" },
        { "𠮷野家\t改行\n", "𠮷野家\t改行\n" },
    };

    [Theory]
    [MemberData(nameof(Unwritable))]
    public void A_string_xml_cannot_hold_is_cleaned_and_never_breaks_the_xlsx_writer(string text, string written)
    {
        var table = new ExportTable(["指標"]);
        table.Add(text);

        var (cell, _) = SecondRowFirstCell(table.ToXlsx("進捗\0"));

        Assert.Equal(written, cell.InlineString?.InnerText);
        Assert.Equal($"\"指標\"\r\n\"{written}\"\r\n", Csv(table));
    }

    private static string Csv(ExportTable table)
    {
        var bytes = table.ToCsv();
        Assert.Equal(Encoding.UTF8.Preamble.ToArray(), bytes[..3]);
        return Encoding.UTF8.GetString(bytes[3..]);
    }

    private static (Cell Cell, Stylesheet Stylesheet) SecondRowFirstCell(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var cell = workbook.WorksheetParts.Single().Worksheet.Descendants<Row>().ElementAt(1).Elements<Cell>().First();
        return ((Cell)cell.CloneNode(true), (Stylesheet)workbook.WorkbookStylesPart!.Stylesheet.CloneNode(true));
    }
}
