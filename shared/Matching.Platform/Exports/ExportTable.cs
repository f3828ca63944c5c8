using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Matching.Platform.Exports;

/// <summary>A cell of an exported table: text, a number that stays a number, or nothing.</summary>
public readonly record struct ExportCell(string? Text, decimal? Number)
{
    public static implicit operator ExportCell(string? text) => new(text, null);

    public static implicit operator ExportCell(decimal? number) => new(null, number);
}

/// <summary>
/// What a report says above its table: a title, then labelled lines such as the program, 基準日 and how a percentage is
/// computed, so a printed or forwarded file explains itself.
/// </summary>
public sealed record ExportTitle(string Title, IReadOnlyList<(string Label, string Value)> Lines);

/// <summary>
/// The one way a table leaves the system as a file: CSV in UTF-8 with BOM (Excel opens Japanese correctly) or an .xlsx
/// workbook, every text cell passed through <see cref="SpreadsheetText"/>. In the workbook text is a typed inline
/// string, which Excel never evaluates; a formula-like one also gets the quote prefix (Excel's own hidden apostrophe),
/// so it stays text when someone edits the cell. A report has an <see cref="ExportTitle"/> above the table; a plain
/// data export has none, so its first line is the header. The workbook is laid out for printing: columns as wide as
/// their content, the header frozen and repeated on every page, A4 one page wide, the title, page number and print
/// date in the header and footer.
/// </summary>
public sealed class ExportTable(IEnumerable<string> headers, ExportTitle? title = null)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint QuotePrefixStyle = 1;
    private const uint BoldStyle = 2;
    private const uint BoldQuotePrefixStyle = 3;

    // Column widths in Excel's character units: a wide (全角) character counts two; the cap keeps one long note from
    // making the whole table too small to read once it is fitted to the page's width.
    private const double MinimumWidth = 6;
    private const double MaximumWidth = 60;

    // About what fits across A4 portrait at Excel's default font and margins; a wider table is printed landscape.
    private const double PortraitWidth = 90;

    private readonly List<ExportCell[]> rows = [[.. headers.Select(h => (ExportCell)h)]];

    public void Add(params ExportCell[] cells) => rows.Add(cells);

    /// <summary>The title block as rows: the title alone, each line as label and value, then an empty row.</summary>
    private List<ExportCell[]> TitleRows() => title is null
        ? []
        : [[title.Title], .. title.Lines.Select(l => new ExportCell[] { l.Label, l.Value }), []];

    public byte[] ToCsv()
    {
        // Formula-like text is escaped by SpreadsheetText (CsvHelper's own injection escaping knows only =+-@).
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None, NewLine = "\r\n" };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, configuration))
        {
            foreach (var row in TitleRows().Concat(rows))
            {
                foreach (var cell in row)
                {
                    if (cell.Number is { } number)
                        csv.WriteField(number.ToString(CultureInfo.InvariantCulture), shouldQuote: false);
                    else if (cell.Text is { } value)
                        csv.WriteField(SpreadsheetText.ForCsv(value), shouldQuote: true);
                    else
                        csv.WriteField("", shouldQuote: false);
                }
                csv.NextRecord();
            }
        }
        return [.. Encoding.UTF8.Preamble, .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public byte[] ToXlsx(string sheetName)
    {
        var titleRows = TitleRows();
        var headerRow = (uint)titleRows.Count + 1;
        var widths = ColumnWidths();
        var name = SheetName(sheetName);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            for (var i = 0; i < titleRows.Count; i++)
                data.Append(new Row(titleRows[i].Select(c => XlsxCell(c, bold: i == 0))) { RowIndex = (uint)i + 1 });
            for (var i = 0; i < rows.Count; i++)
                data.Append(new Row(rows[i].Select(c => XlsxCell(c, bold: i == 0))) { RowIndex = headerRow + (uint)i });
            sheetPart.Worksheet = new Worksheet(
                new SheetProperties(new PageSetupProperties { FitToPage = true }),
                new SheetViews(new SheetView(FrozenBelow(headerRow)) { WorkbookViewId = 0, TabSelected = true }),
                new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true })),
                data,
                new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 },
                new PageSetup
                {
                    // 9 is A4 in the paper sizes of SpreadsheetML; 0 pages tall means as many as the rows need.
                    PaperSize = 9,
                    Orientation = widths.Sum() > PortraitWidth ? OrientationValues.Landscape : OrientationValues.Portrait,
                    FitToWidth = 1,
                    FitToHeight = 0,
                },
                HeaderFooter(sheetName));
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = name }));
            // Excel's name for the rows repeated at the top of every printed page.
            workbook.Workbook.AppendChild(new DefinedNames(new DefinedName($"'{name.Replace("'", "''", StringComparison.Ordinal)}'!${headerRow}:${headerRow}")
            {
                Name = "_xlnm.Print_Titles", LocalSheetId = 0,
            }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Pane FrozenBelow(uint headerRow) => new()
    {
        VerticalSplit = headerRow, TopLeftCell = $"A{headerRow + 1}", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen,
    };

    /// <summary>The title centred at the top of each page; the print date left and "page / pages" right at the bottom.</summary>
    private HeaderFooter HeaderFooter(string sheetName)
    {
        // & starts a code in a header; && is a literal ampersand. Excel refuses a header over 255 characters.
        var heading = SpreadsheetText.Clean(title?.Title ?? sheetName).Replace("&", "&&", StringComparison.Ordinal);
        heading = heading[..Math.Min(heading.Length, 200)];
        return new HeaderFooter(new OddHeader($"&C{heading}"), new OddFooter("&L&D&R&P / &N"));
    }

    private double[] ColumnWidths()
    {
        var count = rows.Max(r => r.Length);
        var widths = new double[count];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], DisplayWidth(row[i]));
        }
        return [.. widths.Select(w => Math.Clamp(w + 2, MinimumWidth, MaximumWidth))];
    }

    /// <summary>The widest line of a cell, a wide (全角) character counting two.</summary>
    internal static int DisplayWidth(ExportCell cell)
    {
        var text = cell.Number is { } number ? number.ToString(CultureInfo.InvariantCulture) : cell.Text ?? "";
        return text.Split('\n').Max(line => line.EnumerateRunes().Sum(r => IsWide(r) ? 2 : 1));
    }

    /// <summary>East Asian Wide and Fullwidth characters (UAX #11), by their blocks; half-width kana stay narrow.</summary>
    private static bool IsWide(Rune rune) => rune.Value switch
    {
        >= 0x1100 and <= 0x115F => true,
        >= 0x2E80 and <= 0x303E => true,
        >= 0x3041 and <= 0x33FF => true,
        >= 0x3400 and <= 0x4DBF => true,
        >= 0x4E00 and <= 0x9FFF => true,
        >= 0xA000 and <= 0xA4CF => true,
        >= 0xAC00 and <= 0xD7A3 => true,
        >= 0xF900 and <= 0xFAFF => true,
        >= 0xFE30 and <= 0xFE4F => true,
        >= 0xFF00 and <= 0xFF60 => true,
        >= 0xFFE0 and <= 0xFFE6 => true,
        >= 0x1F300 and <= 0x1F64F => true,
        >= 0x20000 and <= 0x3FFFD => true,
        _ => false,
    };

    private static Cell XlsxCell(ExportCell cell, bool bold)
    {
        if (cell.Number is { } number)
            return new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)), StyleIndex = bold ? BoldStyle : null };
        if (cell.Text is not { Length: > 0 } text)
            return new Cell();
        var clean = SpreadsheetText.Clean(text);
        // XML reads CR and CRLF as LF, which is also what Excel stores for a line break within a cell.
        var value = new Text(clean.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        if (value.Text.Trim() != value.Text)
            value.Space = SpaceProcessingModeValues.Preserve;
        var formulaLike = SpreadsheetText.StartsLikeFormula(clean);
        return new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(value),
            StyleIndex = (formulaLike, bold) switch
            {
                (true, true) => BoldQuotePrefixStyle,
                (true, false) => QuotePrefixStyle,
                (false, true) => BoldStyle,
                _ => null,
            },
        };
    }

    /// <summary>The smallest stylesheet Excel accepts, with the default format, the quote-prefix one, and both in bold.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 0, BorderId = 0, FormatId = 0, ApplyFont = true, QuotePrefix = true }) { Count = 4 });

    /// <summary>Excel's rule for a sheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. SpreadsheetText.Clean(name).Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c)]).Trim('\'');
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(clean.Length, 31)];
    }
}
