using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Matching.Platform.Data;
using Microsoft.AspNetCore.Http;

namespace Matching.Programs.Kpis;

/// <summary>
/// The progress report as a file for council documents: CSV (UTF-8 with BOM, so Excel opens Japanese correctly) and
/// an .xlsx workbook (Open XML SDK). The same lines as the API answer; numbers stay numbers. Text that Excel would
/// take for a formula (starting with = + - @) is written with a leading apostrophe.
/// </summary>
internal static class ExportKpiProgress
{
    private static readonly string[] Header =
        ["指標", "単位", "方向", "事業開始前", "目標区分", "開始年度", "終了年度", "目標値", "実績値", "進捗率(%)", "進捗"];

    public static async Task<IResult> CsvAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var report = (await GetKpiProgress.HandleAsync(program, request, database, ct)).Value!;
        var csv = new StringBuilder();
        csv.Append(string.Join(',', Header.Select(Quote))).Append("\r\n");
        foreach (var (kpi, line) in Rows(report))
        {
            csv.Append(string.Join(',',
            [
                Quote(Text(kpi.Name)), Quote(Text(kpi.Unit)), Quote(Direction(kpi.Direction)), Number(kpi.Baseline), Quote(Text(line.Label)),
                Number(line.FromFiscalYear), Number(line.ToFiscalYear), Number(line.Target), Number(line.Actual), Number(line.Progress), Quote(line.ProgressText),
            ])).Append("\r\n");
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        return Results.File(bytes, "text/csv; charset=utf-8", FileName(report, "csv"));
    }

    public static async Task<IResult> XlsxAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var report = (await GetKpiProgress.HandleAsync(program, request, database, ct)).Value!;
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row([.. Header.Select(h => TextCell(h))]));
            foreach (var (kpi, line) in Rows(report))
            {
                data.Append(Row(
                [
                    TextCell(Text(kpi.Name)), TextCell(Text(kpi.Unit)), TextCell(Direction(kpi.Direction)), NumberCell(kpi.Baseline), TextCell(Text(line.Label)),
                    NumberCell(line.FromFiscalYear), NumberCell(line.ToFiscalYear), NumberCell(line.Target), NumberCell(line.Actual),
                    NumberCell(line.Progress), TextCell(line.ProgressText),
                ]));
            }
            sheetPart.Worksheet = new Worksheet(data);
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = $"{report.FiscalYearName} KPI" });
            workbook.Workbook.Save();
        }
        return Results.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileName(report, "xlsx"));
    }

    private static IEnumerable<(GetKpiProgress.Kpi Kpi, GetKpiProgress.Line Line)> Rows(GetKpiProgress.Response report) =>
        report.Kpis.SelectMany(k => k.Lines.Select(l => (k, l)));

    private static string FileName(GetKpiProgress.Response report, string extension) =>
        $"kpi-{report.Program}-FY{report.FiscalYear}-{report.AsOf:yyyyMMdd}.{extension}";

    private static string Direction(KpiDirection direction) => direction == KpiDirection.Increase ? "増加" : "減少";

    /// <summary>Text Excel would evaluate as a formula gets a leading apostrophe.</summary>
    public static string Text(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static string Quote(string text) => "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static Row Row(IEnumerable<Cell> cells)
    {
        var row = new Row();
        row.Append(cells);
        return row;
    }

    private static Cell TextCell(string text) =>
        new() { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(text)) };

    private static Cell NumberCell(decimal? value) =>
        value is { } v ? new Cell { DataType = CellValues.Number, CellValue = new CellValue(v.ToString(CultureInfo.InvariantCulture)) } : new Cell();
}
