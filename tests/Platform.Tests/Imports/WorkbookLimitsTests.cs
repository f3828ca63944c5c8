using System.Text;
using Matching.Platform.Imports;
using Matching.Testing;

namespace Matching.Platform.Tests.Imports;

/// <summary>
/// A hostile .xlsx is small on the wire and huge once read: every dimension is bounded before anything is built, so
/// it is refused at once, without the CPU and memory its declared size would cost.
/// </summary>
public sealed class WorkbookLimitsTests
{
    private const long AllowedAllocation = 48L * 1024 * 1024;

    private static string InlineCell(string reference, string text) => $"""<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>""";

    public static TheoryData<string> HostileWorkbooks => ["a cell far beyond the last column", "a row far beyond the last row",
        "more cells than the limit", "a huge decompressed sheet", "more shared strings than the limit", "more zip entries than the limit"];

    private static byte[] Hostile(string name) => name switch
    {
        "a cell far beyond the last column" => Workbooks.WithSheetData($"""<row r="1">{InlineCell("ZZZZZZ1", "x")}</row>"""),
        "a row far beyond the last row" => Workbooks.WithSheetData($"""<row r="2000000000">{InlineCell("A2000000000", "x")}</row>"""),
        "more cells than the limit" => Workbooks.WithSheetData(string.Concat(
            Enumerable.Range(1, (WorkbookLimits.Cells / WorkbookLimits.Columns) + 2).Select(r => $"""<row r="{r}">{InlineCell($"XFD{r}", "x")}</row>"""))),
        "a huge decompressed sheet" => Workbooks.Build(sheet =>
        {
            Workbooks.Write(sheet, """<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            var padding = Encoding.ASCII.GetBytes(new string(' ', 1 << 20));
            for (var written = 0L; written <= WorkbookLimits.DecompressedBytes; written += padding.Length)
                sheet.Write(padding);
            Workbooks.Write(sheet, "</sheetData></worksheet>");
        }),
        "more shared strings than the limit" => Workbooks.WithSheetData(
            """<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", "<si><t>a</t></si>", sharedStringsCount: $"{WorkbookLimits.SharedStrings + 1}"),
        "more zip entries than the limit" => Workbooks.WithSheetData(
            $"""<row r="1">{InlineCell("A1", "x")}</row>""", extraEntries: WorkbookLimits.Entries),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(HostileWorkbooks))]
    public void A_hostile_workbook_is_refused_before_anything_is_built(string name)
    {
        var content = Hostile(name);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<UnreadableFileException>(() => TabularFile.Read(content));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains("上限", refusal.Reason.Ja, StringComparison.Ordinal);
        Assert.Contains("limit", refusal.Reason.En, StringComparison.Ordinal);
        Assert.True(allocated < AllowedAllocation, $"{name}: {allocated:N0} bytes allocated before the refusal");
    }

    [Fact]
    public void A_sheet_that_unpacks_to_more_than_its_zip_declares_is_refused_without_unpacking_it()
    {
        var content = Hostile("a huge decompressed sheet");
        DeclareSmallSizes(content);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var refusal = Assert.Throws<UnreadableFileException>(() => TabularFile.Read(content));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(allocated < AllowedAllocation, $"{allocated:N0} bytes allocated before the refusal ({refusal.Reason.En})");
    }

    /// <summary>Rewrites every entry's uncompressed size, in its local header and in the central directory, to 1 KiB.</summary>
    private static void DeclareSmallSizes(byte[] zip)
    {
        for (var i = 0; i + 30 <= zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034B50)
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22), 1024u);
            else if (signature == 0x02014B50 && i + 46 <= zip.Length)
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24), 1024u);
        }
    }

    [Fact]
    public void Shared_strings_beyond_the_limit_are_refused_when_the_workbook_does_not_declare_their_count()
    {
        var content = Workbooks.WithSheetData(
            """<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", string.Concat(Enumerable.Repeat("<si><t>a</t></si>", WorkbookLimits.SharedStrings + 1)));

        var refusal = Assert.Throws<UnreadableFileException>(() => TabularFile.Read(content));

        Assert.Contains("shared strings", refusal.Reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_workbook_written_by_hand_reads_its_cells_by_reference_and_leaves_out_the_phonetic_reading()
    {
        var content = Workbooks.WithSheetData(
            """
            <row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>市区町村コード</t></is></c></row>
            <row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3"><v>12</v></c><c r="C3" t="str"><f>TEXT(12084,"000000")</f><v>012084</v></c></row>
            """,
            """<si><t>会社名</t></si><si><r><t>株式会社</t></r><r><t xml:space="preserve">ねむろ </t></r><rPh sb="0" eb="4"><t>カブシキガイシャ</t></rPh></si>""");

        var file = TabularFile.Read(content);

        Assert.Equal("xlsx", file.Format);
        Assert.Equal([1, 3], file.Rows.Select(r => r.Line));
        Assert.Equal(["会社名", "", "市区町村コード"], file.Rows[0].Cells);
        Assert.Equal(["株式会社ねむろ ", "12", "012084"], file.Rows[1].Cells);
    }
}
