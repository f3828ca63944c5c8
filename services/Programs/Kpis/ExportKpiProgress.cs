using System.Globalization;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Matching.Programs.Registry;
using Microsoft.AspNetCore.Http;

namespace Matching.Programs.Kpis;

/// <summary>
/// The progress report as a file for council documents, CSV or .xlsx (<see cref="ExportTable"/>: formula-like text
/// never runs as a formula). The same lines as the API answer; numbers stay numbers. Above the table: the title, the
/// program, the fiscal year, 基準日 and the rule of the percentages, in the request's language like the headers.
/// </summary>
internal static class ExportKpiProgress
{
    private static readonly LocalizedText[] Header =
    [
        new("指標", "KPI"), new("単位", "Unit"), new("方向", "Direction"), new("事業開始前", "Baseline"), new("目標区分", "Target"),
        new("開始年度", "From FY"), new("終了年度", "To FY"), new("目標値", "Target value"), new("実績値", "Actual"),
        new("進捗率(%)", "Progress (%)"), new("進捗", "Progress"),
    ];

    public static readonly LocalizedText Heading = new("数値目標（KPI）の進捗", "KPI progress");
    public static readonly LocalizedText ProgramLabel = new("プログラム", "Program");
    public static readonly LocalizedText FiscalYearLabel = new("年度", "Fiscal year");
    public static readonly LocalizedText AsOfLabel = new("基準日", "As of");
    public static readonly LocalizedText StatusLabel = new("状態", "Status");
    public static readonly LocalizedText RuleLabel = new("進捗率の算定", "Progress rule");
    public static readonly LocalizedText Provisional = new("速報値（未確定）", "Provisional (not yet published)");
    public static readonly LocalizedText PublishedOn = new("{0} 確定（公表）", "Published {0}");
    private static readonly LocalizedText Increase = new("増加", "Increase");
    private static readonly LocalizedText Decrease = new("減少", "Decrease");

    public static async Task<IResult> CsvAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        await ExportAsync(program, request, database, "csv", ct);

    public static async Task<IResult> XlsxAsync(string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        await ExportAsync(program, request, database, "xlsx", ct);

    private static async Task<IResult> ExportAsync(
        string program, GetConsultationCount.Request request, ServiceDatabase<ProgramsModule> database, string format, CancellationToken ct)
    {
        var report = (await GetKpiProgress.HandleAsync(program, request, database, ct)).Value!;
        var status = report.Published is { } published ? PublishedOn.Format(Date(JapanTime.DayOf(published.LockedAt))) : Provisional;
        var title = await TitleAsync(database, program, Heading, new FiscalYear(report.FiscalYear), report.AsOf, ct,
            (StatusLabel, status.ToString()), (RuleLabel, ProgressRule.Statement.ToString()));
        var table = new ExportTable(Header.Select(h => h.ToString()), title);
        foreach (var kpi in report.Kpis)
        {
            foreach (var line in kpi.Lines)
            {
                table.Add(Name(kpi), LocalizedText.IsEnglish ? Matching.Contracts.Programs.KpiUnit.English(kpi.Unit) : kpi.Unit, (kpi.Direction == KpiDirection.Increase ? Increase : Decrease).ToString(), kpi.Baseline,
                    LineLabel(line), line.FromFiscalYear, line.ToFiscalYear, line.Target, line.Actual, line.Progress, line.ProgressText);
            }
        }
        return File(table, format, $"kpi-{report.Program}-FY{report.FiscalYear}-{report.AsOf:yyyyMMdd}", $"{FiscalYearName(new FiscalYear(report.FiscalYear))} KPI");
    }

    /// <summary>
    /// The title block every KPI report shares: the heading, the program by name, the fiscal year and 基準日, then the
    /// report's own lines.
    /// </summary>
    internal static async Task<ExportTitle> TitleAsync(ServiceDatabase database, string program, LocalizedText heading, FiscalYear year, DateOnly asOf,
        CancellationToken ct, params (LocalizedText Label, string Value)[] more)
    {
        var name = (await database.QuerySingleOrDefaultAsync<GetProgram.Response>(GetProgram.Sql, new { program }, ct))?.Name ?? program;
        (LocalizedText Label, string Value)[] lines = [(ProgramLabel, name), (FiscalYearLabel, FiscalYearName(year)), (AsOfLabel, Date(asOf)), .. more];
        return new ExportTitle(heading.ToString(), [.. lines.Select(l => (l.Label.ToString(), l.Value))]);
    }

    internal static IResult File(ExportTable table, string format, string fileName, string sheetName) => format == "xlsx"
        ? Results.File(table.ToXlsx(sheetName), ExportTable.XlsxContentType, fileName + ".xlsx")
        : Results.File(table.ToCsv(), ExportTable.CsvContentType, fileName + ".csv");

    internal static string Name(GetKpiProgress.Kpi kpi) => LocalizedText.IsEnglish && !string.IsNullOrWhiteSpace(kpi.NameEn) ? kpi.NameEn : kpi.Name;

    internal static string FiscalYearName(FiscalYear year) => LocalizedText.IsEnglish ? $"FY{year.StartYear}" : year.JapaneseName;

    internal static string Date(DateOnly date) => LocalizedText.IsEnglish
        ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
        : $"{date.Year}年{date.Month}月{date.Day}日";

    /// <summary>The line's heading as the plans write it (the API's label), or in English as the web UI says it.</summary>
    private static string LineLabel(GetKpiProgress.Line line) => !LocalizedText.IsEnglish ? line.Label
        : Matching.Contracts.Programs.KpiLineLabel.Of(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(line.Kind.ToString()), line.FromFiscalYear, line.ToFiscalYear, english: true);
}
