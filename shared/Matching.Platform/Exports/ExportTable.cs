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
/// The one way a table leaves the system as a file: CSV in UTF-8 with BOM (Excel opens Japanese correctly) or an .xlsx
/// workbook, every text cell passed through <see cref="SpreadsheetText"/>. In the workbook text is a typed inline
/// string, which Excel never evaluates; a formula-like one also gets the quote prefix (Excel's own hidden apostrophe),
/// so it stays text when someone edits the cell.
/// </summary>
public sealed class ExportTable(IEnumerable<string> headers)
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint QuotePrefixStyle = 1;

    private readonly List<ExportCell[]> rows = [[.. headers.Select(h => (ExportCell)h)]];

    public void Add(params ExportCell[] cells) => rows.Add(cells);

    public byte[] ToCsv()
    {
        // Formula-like text is escaped by SpreadsheetText (CsvHelper's own injection escaping knows only =+-@).
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None, NewLine = "\r\n" };
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, configuration))
        {
            foreach (var row in rows)
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
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            foreach (var row in rows)
                data.Append(new Row(row.Select(XlsxCell)));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = SheetName(sheetName) }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Cell XlsxCell(ExportCell cell)
    {
        if (cell.Number is { } number)
            return new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) };
        if (cell.Text is not { Length: > 0 } text)
            return new Cell();
        var clean = SpreadsheetText.Clean(text);
        // XML reads CR and CRLF as LF, which is also what Excel stores for a line break within a cell.
        var value = new Text(clean.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
        if (value.Text.Trim() != value.Text)
            value.Space = SpaceProcessingModeValues.Preserve;
        return new Cell
        {
            DataType = CellValues.InlineString,
            InlineString = new InlineString(value),
            StyleIndex = SpreadsheetText.StartsLikeFormula(clean) ? QuotePrefixStyle : null,
        };
    }

    /// <summary>The smallest stylesheet Excel accepts, with the default format and the quote-prefix one.</summary>
    private static Stylesheet Styles() => new(
        new Fonts(new Font()) { Count = 1 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, QuotePrefix = true }) { Count = 2 });

    /// <summary>Excel's rule for a sheet name: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string([.. SpreadsheetText.Clean(name).Select(c => c is ':' or '\\' or '/' or '?' or '*' or '[' or ']' ? '_' : c)]).Trim('\'');
        return clean.Length == 0 ? "Sheet1" : clean[..Math.Min(clean.Length, 31)];
    }
}
