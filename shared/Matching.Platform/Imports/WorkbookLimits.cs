namespace Matching.Platform.Imports;

/// <summary>
/// What an imported .xlsx may hold. A workbook is a zip of XML, so a file of a few kilobytes can declare a cell in a
/// column or row millions away, or unpack to gigabytes: every dimension is checked as it is read, before anything is
/// built for it. Columns, rows and the characters of a cell are Excel's own limits; the others are far above a
/// program's company list and far below what would strain the server.
/// </summary>
public static class WorkbookLimits
{
    public const int Entries = 1_000;
    public const long DecompressedBytes = 256L * 1024 * 1024;
    public const int Columns = 16_384;
    public const int Rows = 1_048_576;
    public const int Cells = 2_000_000;
    public const int SharedStrings = 1_000_000;
    public const int CellCharacters = 32_767;
}
