using System.IO.Compression;
using System.Text;

namespace Matching.Testing;

/// <summary>.xlsx files written part by part, so a test can build one that no spreadsheet program would write.</summary>
public static class Workbooks
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A workbook whose first sheet holds <paramref name="sheetData"/> (the row elements).</summary>
    public static byte[] WithSheetData(string sheetData, string? sharedStrings = null, int extraEntries = 0, string? sharedStringsCount = null) =>
        Build(stream => Write(stream, $"""<worksheet xmlns="{Main}"><sheetData>{sheetData}</sheetData></worksheet>"""), sharedStrings, extraEntries, sharedStringsCount);

    /// <summary>A workbook whose sheet part is written by <paramref name="writeSheet"/>; <paramref name="sharedStrings"/> is the sst element's content.</summary>
    public static byte[] Build(Action<Stream> writeSheet, string? sharedStrings = null, int extraEntries = 0, string? sharedStringsCount = null)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                """ + (sharedStrings is null ? "" : """
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                """) + "</Types>");
            Add(zip, "_rels/.rels", $"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add(zip, "xl/workbook.xml", $"""
                <workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add(zip, "xl/_rels/workbook.xml.rels", $"""
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/>
                """ + (sharedStrings is null ? "" : $"""<Relationship Id="rId2" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""") + "</Relationships>");
            using (var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml").Open())
                writeSheet(sheet);
            if (sharedStrings is not null)
                Add(zip, "xl/sharedStrings.xml", $"""<sst xmlns="{Main}"{(sharedStringsCount is null ? "" : $" uniqueCount=\"{sharedStringsCount}\"")}>{sharedStrings}</sst>""");
            for (var i = 0; i < extraEntries; i++)
                Add(zip, $"xl/extra/part{i}.xml", "<x/>");
        }
        return buffer.ToArray();
    }

    public static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var stream = zip.CreateEntry(name).Open();
        Write(stream, content);
    }
}
