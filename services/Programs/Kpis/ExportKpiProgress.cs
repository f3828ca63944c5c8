using Matching.Platform.Data;
using Matching.Platform.Exports;
using Microsoft.AspNetCore.Http;

namespace Matching.Programs.Kpis;

/// <summary>
/// The progress report as a file for council documents, CSV or .xlsx (<see cref="ExportTable"/>: formula-like text
/// never runs as a formula). The same lines as the API answer; numbers stay numbers.
/// </summary>
internal static class ExportKpiProgress
{
    private static readonly string[] Header =
        ["指標", "単位", "方向", "事業開始前", "目標区分", "開始年度", "終了年度", "目標値", "実績値", "進捗率(%)", "進捗"];

    public static async Task<IResult> CsvAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var report = (await GetKpiProgress.HandleAsync(program, request, database, ct)).Value!;
        return Results.File(Table(report).ToCsv(), ExportTable.CsvContentType, FileName(report, "csv"));
    }

    public static async Task<IResult> XlsxAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct)
    {
        var report = (await GetKpiProgress.HandleAsync(program, request, database, ct)).Value!;
        return Results.File(Table(report).ToXlsx($"{report.FiscalYearName} KPI"), ExportTable.XlsxContentType, FileName(report, "xlsx"));
    }

    private static ExportTable Table(GetKpiProgress.Response report)
    {
        var table = new ExportTable(Header);
        foreach (var kpi in report.Kpis)
        {
            foreach (var line in kpi.Lines)
            {
                table.Add(kpi.Name, kpi.Unit, Direction(kpi.Direction), kpi.Baseline, line.Label,
                    line.FromFiscalYear, line.ToFiscalYear, line.Target, line.Actual, line.Progress, line.ProgressText);
            }
        }
        return table;
    }

    private static string FileName(GetKpiProgress.Response report, string extension) =>
        $"kpi-{report.Program}-FY{report.FiscalYear}-{report.AsOf:yyyyMMdd}.{extension}";

    private static string Direction(KpiDirection direction) => direction == KpiDirection.Increase ? "増加" : "減少";
}
