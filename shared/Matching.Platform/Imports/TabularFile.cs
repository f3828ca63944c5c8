using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Matching.Platform.Http;

namespace Matching.Platform.Imports;

/// <summary>One row of a file as its cells, with the line it starts on (a quoted cell may span several lines).</summary>
public sealed record TabularRow(int Line, IReadOnlyList<string> Cells)
{
    public string Cell(int column) => column < Cells.Count ? Cells[column] : "";
}

/// <summary>A file refused as a whole, with the reason a person can act on.</summary>
public sealed class UnreadableFileException(LocalizedText reason) : Exception(reason.En)
{
    public LocalizedText Reason { get; } = reason;
}

/// <summary>
/// A company list or a log as Japanese offices keep them: CSV in UTF-8 (with or without BOM), UTF-16 with BOM, or
/// Shift_JIS (CP932, half-width kana included), or the first sheet of an .xlsx workbook. Encoding is detected strictly:
/// bytes that are neither valid UTF-8 nor valid CP932 refuse the file, they are never replaced by '?'.
/// </summary>
public sealed class TabularFile
{
    private TabularFile(string format, string encoding, IReadOnlyList<TabularRow> rows)
    {
        Format = format;
        Encoding = encoding;
        Rows = rows;
    }

    /// <summary>csv or xlsx.</summary>
    public string Format { get; }

    /// <summary>utf-8, utf-8-bom, utf-16, shift_jis, or xlsx.</summary>
    public string Encoding { get; }

    /// <summary>Every non-blank row, the header included when the file has one.</summary>
    public IReadOnlyList<TabularRow> Rows { get; }

    public static readonly LocalizedText Empty = new("ファイルが空です。", "The file is empty.");
    public static readonly LocalizedText Undecodable = new(
        "文字コードを判別できません。{0} バイト目（{1} 行目付近）に UTF-8 でも Shift_JIS でもないバイトがあります。",
        "The encoding is not recognised: byte {0} (near line {1}) is neither UTF-8 nor Shift_JIS.");
    public static readonly LocalizedText InvalidUtf16 = new(
        "UTF-16 として読めません。{0} バイト目（{1} 行目付近）が文字になりません（対になっていないサロゲート、または奇数バイトで終わるファイル）。",
        "The file is not valid UTF-16: byte {0} (near line {1}) is not part of a character (an unpaired surrogate, or an odd number of bytes).");
    public static readonly LocalizedText UnclosedQuote = new(
        "{0} 行目で始まる「\"」で囲まれた項目が閉じられないままファイルが終わっています（ファイルが途中で切れている可能性があります）。",
        "The quoted field that starts on line {0} is never closed: the file may be truncated.");
    public static readonly LocalizedText BadQuote = new(
        "{0} 行目の項目の途中に「\"」があります。項目全体を「\"」で囲み、中の「\"」は「\"\"」と書いてください。",
        "Line {0} has a quote inside an unquoted field. Quote the whole field and double the quotes inside it.");
    public static readonly LocalizedText BrokenWorkbook = new(
        "Excel ファイル（.xlsx）として読み込めません。", "The file cannot be read as an Excel workbook (.xlsx).");

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static TabularFile Read(byte[] content)
    {
        if (content.Length == 0)
            throw new UnreadableFileException(Empty);
        if (content is [0x50, 0x4B, 0x03, 0x04, ..])
            return ReadWorkbook(content);
        var (text, encoding) = Decode(content);
        return new TabularFile("csv", encoding, ReadCsv(text));
    }

    private static (string Text, string Encoding) Decode(byte[] content)
    {
        if (content is [0xEF, 0xBB, 0xBF, ..])
            return (StrictDecode(StrictUtf8, content, 3), "utf-8-bom");
        if (content is [0xFF, 0xFE, ..])
            return (StrictUtf16(bigEndian: false, content), "utf-16");
        if (content is [0xFE, 0xFF, ..])
            return (StrictUtf16(bigEndian: true, content), "utf-16");
        if (TryDecode(StrictUtf8, content, out var utf8, out var utf8Error))
            return (utf8, "utf-8");
        var cp932 = System.Text.Encoding.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        if (TryDecode(cp932, content, out var sjis, out _))
            return (sjis, "shift_jis");
        var line = 1 + content.AsSpan(0, utf8Error).Count((byte)'\n');
        throw new UnreadableFileException(Undecodable.Format(utf8Error + 1, line));
    }

    static TabularFile() => System.Text.Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string StrictDecode(Encoding encoding, byte[] content, int offset)
    {
        if (TryDecode(encoding, content.AsSpan(offset).ToArray(), out var text, out var error))
            return text;
        throw new UnreadableFileException(Undecodable.Format(offset + error + 1, 1 + content.AsSpan(0, offset + error).Count((byte)'\n')));
    }

    /// <summary>UTF-16 after its BOM; a lone surrogate or an odd last byte refuses the file like any undecodable byte.</summary>
    private static string StrictUtf16(bool bigEndian, byte[] content)
    {
        if (TryDecode(new UnicodeEncoding(bigEndian, false, true), content.AsSpan(2).ToArray(), out var text, out var error))
            return text;
        var valid = (bigEndian ? System.Text.Encoding.BigEndianUnicode : System.Text.Encoding.Unicode).GetString(content, 2, Math.Min(error, content.Length - 2) & ~1);
        throw new UnreadableFileException(InvalidUtf16.Format(2 + error + 1, 1 + valid.Count(c => c == '\n')));
    }

    private static bool TryDecode(Encoding encoding, byte[] content, out string text, out int errorOffset)
    {
        try
        {
            text = encoding.GetString(content);
            errorOffset = -1;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            errorOffset = Math.Max(0, e.Index);
            return false;
        }
    }

    private static List<TabularRow> ReadCsv(string text)
    {
        if (UnclosedQuoteLine(text) is { } line)
            throw new UnreadableFileException(UnclosedQuote.Format(line));
        var rows = new List<TabularRow>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = false,
            IgnoreBlankLines = true,
            BadDataFound = args => throw new UnreadableFileException(BadQuote.Format(args.Context.Parser?.RawRow ?? 0)),
        };
        using var reader = new StringReader(text);
        using var parser = new CsvParser(reader, configuration);
        var lastLine = 0;
        while (parser.Read())
        {
            var startLine = lastLine + 1 + LeadingBlankLines(parser.RawRecord);
            lastLine = parser.RawRow;
            var cells = parser.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace))
                continue;
            rows.Add(new TabularRow(startLine, cells));
        }
        if (rows.Count == 0)
            throw new UnreadableFileException(Empty);
        return rows;
    }

    private static int LeadingBlankLines(string raw)
    {
        var count = 0;
        var i = 0;
        while (i < raw.Length && raw[i] is '\r' or '\n')
        {
            if (raw[i] == '\n')
                count++;
            i++;
        }
        return count;
    }

    /// <summary>The line of a quoted field that never closes, found in one pass before parsing.</summary>
    private static int? UnclosedQuoteLine(string text)
    {
        var inQuotes = false;
        var fieldStart = true;
        var line = 1;
        var quoteLine = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                        i++;
                    else
                        inQuotes = false;
                }
                else if (c == '\n')
                {
                    line++;
                }
                continue;
            }
            switch (c)
            {
                case '"' when fieldStart:
                    inQuotes = true;
                    quoteLine = line;
                    fieldStart = false;
                    break;
                case ',':
                    fieldStart = true;
                    break;
                case '\n':
                    line++;
                    fieldStart = true;
                    break;
                case '\r':
                    break;
                default:
                    fieldStart = false;
                    break;
            }
        }
        return inQuotes ? quoteLine : null;
    }

    private static TabularFile ReadWorkbook(byte[] content)
    {
        try
        {
            return new TabularFile("xlsx", "xlsx", WorkbookFile.ReadFirstSheet(content));
        }
        catch (Exception e) when (e is not UnreadableFileException and not OutOfMemoryException)
        {
            throw new UnreadableFileException(BrokenWorkbook);
        }
    }
}
