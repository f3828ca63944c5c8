using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Matching.Platform.Http;

namespace Matching.Platform.Imports;

/// <summary>
/// The first sheet of an .xlsx workbook, read straight from its zip with a streaming XML reader (no DTDs, no
/// document model) within <see cref="WorkbookLimits"/>. Cells are placed by their reference; rich text keeps its runs
/// and leaves out the phonetic reading (ふりがな) Japanese Excel stores beside it.
/// </summary>
internal static class WorkbookFile
{
    private static readonly string[] SpreadsheetNamespaces =
        ["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"];

    private static readonly XmlReaderSettings Xml = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    private static readonly LocalizedText TooLarge = new(
        "Excel ファイルの{0}が上限（{1}）を超えているため読み込めません。ファイルを分けるか、CSV で保存して取り込んでください。",
        "The workbook cannot be read: its {0} exceed the limit of {1}. Split it, or save it as CSV and import that.");

    private static readonly LocalizedText EntriesDimension = new("zip 内のファイル数", "zip entries");
    private static readonly LocalizedText DecompressedDimension = new("展開後のサイズ（バイト）", "decompressed bytes");
    private static readonly LocalizedText ColumnsDimension = new("列数", "columns");
    private static readonly LocalizedText RowsDimension = new("行数", "rows");
    private static readonly LocalizedText CellsDimension = new("セル数", "cells");
    private static readonly LocalizedText SharedStringsDimension = new("共有文字列の数", "shared strings");
    private static readonly LocalizedText CellCharactersDimension = new("1 セルの文字数", "characters in one cell");

    public static List<TabularRow> ReadFirstSheet(byte[] content)
    {
        CheckEntryCount(content);
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        if (zip.Entries.Sum(e => e.Length) > WorkbookLimits.DecompressedBytes)
            throw Refused(DecompressedDimension, WorkbookLimits.DecompressedBytes);
        var parts = zip.Entries.GroupBy(e => e.FullName.TrimStart('/'), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var budget = new DecompressedBudget();

        var workbookPath = Relationships(parts, budget, "").FirstOrDefault(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Target
            ?? throw new UnreadableFileException(TabularFile.BrokenWorkbook);
        var workbookRelationships = Relationships(parts, budget, workbookPath);
        var firstSheetId = FirstSheetId(Open(parts, budget, workbookPath) ?? throw new UnreadableFileException(TabularFile.BrokenWorkbook))
            ?? throw new UnreadableFileException(TabularFile.Empty);
        var sheetPath = workbookRelationships.FirstOrDefault(r => r.Id == firstSheetId).Target
            ?? throw new UnreadableFileException(TabularFile.BrokenWorkbook);
        var sharedPath = workbookRelationships.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)).Target;
        var shared = sharedPath is null || Open(parts, budget, sharedPath) is not { } sharedStream ? [] : SharedStrings(sharedStream);
        return Rows(Open(parts, budget, sheetPath) ?? throw new UnreadableFileException(TabularFile.BrokenWorkbook), shared);
    }

    private static UnreadableFileException Refused(LocalizedText dimension, long limit) =>
        new(new LocalizedText(
            string.Format(CultureInfo.InvariantCulture, TooLarge.Ja, dimension.Ja, limit.ToString("N0", CultureInfo.InvariantCulture)),
            string.Format(CultureInfo.InvariantCulture, TooLarge.En, dimension.En, limit.ToString("N0", CultureInfo.InvariantCulture))));

    /// <summary>
    /// Walks the central directory as ZipArchive would, but stops at the limit: ZipArchive makes an object for every
    /// entry before anyone can count them, and a 64 MiB file holds a million empty ones.
    /// </summary>
    private static void CheckEntryCount(byte[] content)
    {
        // The end-of-central-directory record: 22 bytes and a comment of up to 65,535 at the end of the file.
        var end = -1;
        for (var i = content.Length - 22; i >= Math.Max(0, content.Length - 22 - ushort.MaxValue) && end < 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(i)) == 0x06054B50)
                end = i;
        }
        if (end < 0)
            throw new UnreadableFileException(TabularFile.BrokenWorkbook);
        if (BinaryPrimitives.ReadUInt16LittleEndian(content.AsSpan(end + 10)) > WorkbookLimits.Entries)
            throw Refused(EntriesDimension, WorkbookLimits.Entries);
        var position = (long)BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan(end + 16));
        var entries = 0;
        while (position + 46 <= content.Length && BinaryPrimitives.ReadUInt32LittleEndian(content.AsSpan((int)position)) == 0x02014B50)
        {
            if (++entries > WorkbookLimits.Entries)
                throw Refused(EntriesDimension, WorkbookLimits.Entries);
            var header = content.AsSpan((int)position);
            position += 46 + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[30..])
                        + BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
        }
        // No directory where the record points (or a zip64 one, which no workbook of this size needs).
        if (entries == 0)
            throw new UnreadableFileException(TabularFile.BrokenWorkbook);
    }

    private static XmlReader? Open(Dictionary<string, ZipArchiveEntry> parts, DecompressedBudget budget, string path) =>
        parts.TryGetValue(path, out var entry) ? XmlReader.Create(new BudgetedStream(entry.Open(), budget), Xml) : null;

    private static bool IsSpreadsheet(XmlReader reader, string name) =>
        reader.NodeType == XmlNodeType.Element && reader.LocalName == name && SpreadsheetNamespaces.Contains(reader.NamespaceURI);

    /// <summary>The relationships of a part (of the package itself for ""), their targets resolved to zip entry names.</summary>
    private static List<(string Id, string Type, string? Target)> Relationships(Dictionary<string, ZipArchiveEntry> parts, DecompressedBudget budget, string part)
    {
        var folder = part.Contains('/', StringComparison.Ordinal) ? part[..(part.LastIndexOf('/') + 1)] : "";
        var name = part[folder.Length..];
        var result = new List<(string, string, string?)>();
        using var reader = Open(parts, budget, $"{folder}_rels/{name}.rels");
        while (reader?.Read() == true)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "Relationship" || reader.GetAttribute("TargetMode") == "External")
                continue;
            if (reader.GetAttribute("Target") is { } target)
                result.Add((reader.GetAttribute("Id") ?? "", reader.GetAttribute("Type") ?? "", Resolve(folder, target)));
            if (result.Count > WorkbookLimits.Entries)
                throw Refused(EntriesDimension, WorkbookLimits.Entries);
        }
        return result;
    }

    private static string Resolve(string folder, string target)
    {
        var segments = new List<string>();
        foreach (var segment in (target.StartsWith('/') ? target : folder + target).Split('/'))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                    segments.RemoveAt(segments.Count - 1);
            }
            else if (segment is not ("" or "."))
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments);
    }

    private static string? FirstSheetId(XmlReader reader)
    {
        using (reader)
        {
            while (reader.Read())
            {
                if (!IsSpreadsheet(reader, "sheet"))
                    continue;
                for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
                {
                    if (reader.LocalName == "id" && reader.NamespaceURI.Length > 0)
                        return reader.Value;
                }
                return null;
            }
            return null;
        }
    }

    private static string[] SharedStrings(XmlReader reader)
    {
        using (reader)
        {
            var strings = new List<string>();
            while (!reader.EOF)
            {
                if (IsSpreadsheet(reader, "sst")
                    && long.TryParse(reader.GetAttribute("uniqueCount") ?? reader.GetAttribute("count"), CultureInfo.InvariantCulture, out var declared)
                    && declared > WorkbookLimits.SharedStrings)
                {
                    throw Refused(SharedStringsDimension, WorkbookLimits.SharedStrings);
                }
                if (IsSpreadsheet(reader, "si"))
                {
                    if (strings.Count == WorkbookLimits.SharedStrings)
                        throw Refused(SharedStringsDimension, WorkbookLimits.SharedStrings);
                    strings.Add(RichText(reader));
                    continue;
                }
                reader.Read();
            }
            return [.. strings];
        }
    }

    /// <summary>The text of an si or is element (its t, or the t of each run, not the phonetic rPh); the reader ends after it.</summary>
    private static string RichText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }
        var text = new StringBuilder();
        var depth = reader.Depth;
        reader.Read();
        while (!reader.EOF && reader.Depth > depth)
        {
            if (IsSpreadsheet(reader, "rPh") || IsSpreadsheet(reader, "phoneticPr"))
            {
                reader.Skip();
            }
            else if (IsSpreadsheet(reader, "t"))
            {
                text.Append(reader.ReadElementContentAsString());
                if (text.Length > WorkbookLimits.CellCharacters)
                    throw Refused(CellCharactersDimension, WorkbookLimits.CellCharacters);
            }
            else
            {
                reader.Read();
            }
        }
        reader.Read();
        return text.ToString();
    }

    private static List<TabularRow> Rows(XmlReader reader, string[] shared)
    {
        using (reader)
        {
            var rows = new List<TabularRow>();
            var cellCount = 0L;
            var rowIndex = 0L;
            List<string>? cells = null;
            var nextColumn = 0;
            var (column, type, value, inline) = (0, (string?)null, (string?)null, (string?)null);
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.EndElement && SpreadsheetNamespaces.Contains(reader.NamespaceURI))
                {
                    if (reader.LocalName == "c" && cells is not null)
                    {
                        var text = type switch
                        {
                            "s" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? shared[i] : "",
                            "inlineStr" => inline ?? "",
                            _ => value ?? "",
                        };
                        cellCount += Place(cells, column, text, cellCount);
                    }
                    else if (reader.LocalName == "row" && cells is not null)
                    {
                        if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                            rows.Add(new TabularRow((int)rowIndex, cells));
                        cells = null;
                    }
                }
                else if (IsSpreadsheet(reader, "row"))
                {
                    rowIndex = reader.GetAttribute("r") is { } r ? ParseRow(r) : rowIndex + 1;
                    if (rowIndex is < 1 or > WorkbookLimits.Rows)
                        throw Refused(RowsDimension, WorkbookLimits.Rows);
                    nextColumn = 0;
                    cells = [];
                    if (reader.IsEmptyElement)
                        cells = null;
                }
                else if (IsSpreadsheet(reader, "c") && cells is not null)
                {
                    column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : nextColumn;
                    nextColumn = column + 1;
                    (type, value, inline) = (reader.GetAttribute("t"), null, null);
                }
                else if (IsSpreadsheet(reader, "v") && cells is not null)
                {
                    value = reader.ReadElementContentAsString();
                    if (value.Length > WorkbookLimits.CellCharacters)
                        throw Refused(CellCharactersDimension, WorkbookLimits.CellCharacters);
                    continue;
                }
                else if (IsSpreadsheet(reader, "is") && cells is not null)
                {
                    inline = RichText(reader);
                    continue;
                }
                else if (IsSpreadsheet(reader, "f"))
                {
                    reader.Skip();
                    continue;
                }
                reader.Read();
            }
            if (rows.Count == 0)
                throw new UnreadableFileException(TabularFile.Empty);
            return rows;
        }
    }

    /// <summary>Puts a cell's text in its column; answers how many cells the row grew by (empty cells take no room).</summary>
    private static int Place(List<string> cells, int column, string text, long cellCount)
    {
        if (column < cells.Count)
        {
            cells[column] = text;
            return 0;
        }
        if (text.Length == 0)
            return 0;
        var growth = column + 1 - cells.Count;
        if (cellCount + growth > WorkbookLimits.Cells)
            throw Refused(CellsDimension, WorkbookLimits.Cells);
        cells.EnsureCapacity(column + 1);
        while (cells.Count < column)
            cells.Add("");
        cells.Add(text);
        return growth;
    }

    private static long ParseRow(string reference) =>
        reference.Length <= 8 && long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : long.MaxValue;

    /// <summary>"C12" → 2; a column past Excel's last (XFD) is refused before it can size anything.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
                break;
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > WorkbookLimits.Columns)
                throw Refused(ColumnsDimension, WorkbookLimits.Columns);
        }
        return index == 0 ? throw new UnreadableFileException(TabularFile.BrokenWorkbook) : index - 1;
    }

    /// <summary>The bytes every part of one workbook may unpack to, shared by the parts as they are read.</summary>
    private sealed class DecompressedBudget
    {
        public long Remaining { get; set; } = WorkbookLimits.DecompressedBytes;
    }

    /// <summary>
    /// An entry's stream that stops the read once the workbook's budget is spent, whatever the zip declared (today's
    /// ZipArchive also stops at the declared size; the limit does not depend on it).
    /// </summary>
    private sealed class BudgetedStream(Stream inner, DecompressedBudget budget) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            budget.Remaining -= read;
            return budget.Remaining < 0 ? throw Refused(DecompressedDimension, WorkbookLimits.DecompressedBytes) : read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
                inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
