using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Programs.Kpis;

/// <summary>
/// A breakdown (内訳) as a file, CSV or .xlsx: the rows of <see cref="GetKpiBreakdown"/> with their share, under a title
/// block naming the KPI, the program, the fiscal year, 基準日 and the axis, in the request's language.
/// </summary>
internal static class ExportKpiBreakdown
{

    public static readonly LocalizedText Heading = new("内訳：{0}", "Breakdown: {0}");
    public static readonly LocalizedText KpiLabel = new("指標", "KPI");
    public static readonly LocalizedText ByLabel = new("内訳の軸", "Broken down by");
    public static readonly LocalizedText TotalLabel = new("合計", "Total");
    public static readonly LocalizedText NoteLabel = new("注記", "Note");
    public static readonly LocalizedText ShareRule = new(
        "割合は 件数 ÷ 合計 の百分率（小数第 2 位を四捨五入）。", "Share: count ÷ total in percent, rounded half up to one decimal.");
    public static readonly LocalizedText CreditedToEach = new(
        "複数の担当者がいる相談は、担当者それぞれに数えます（合計は実績を超えることがあります）。",
        "A consultation with several coordinators is credited to each of them (the rows may add up to more than the actual).");
    private static readonly LocalizedText CountHeader = new("件数", "Count");
    private static readonly LocalizedText AsMainHeader = new("うちメイン", "As main");
    private static readonly LocalizedText AsSubHeader = new("うちサブ", "As sub");
    private static readonly LocalizedText ShareHeader = new("割合(%)", "Share (%)");

    public static Task<IResult> CsvAsync(string program, string code, GetKpiBreakdown.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        ExportAsync(program, code, request, database, "csv", ct);

    public static Task<IResult> XlsxAsync(string program, string code, GetKpiBreakdown.Request request, ServiceDatabase<ProgramsModule> database, CancellationToken ct) =>
        ExportAsync(program, code, request, database, "xlsx", ct);

    private static async Task<IResult> ExportAsync(
        string program, string code, GetKpiBreakdown.Request request, ServiceDatabase<ProgramsModule> database, string format, CancellationToken ct)
    {
        var answer = await GetKpiBreakdown.HandleAsync(program, code, request, database, ct);
        if (answer.Result is not Ok<GetKpiBreakdown.Response> { Value: { } breakdown })
            return answer.Result;
        var named = Matching.Contracts.Programs.BreakdownAxis.Named(breakdown.By)!;
        var axis = (By: new LocalizedText(named.Ja, named.En), Column: new LocalizedText(named.ColumnJa, named.ColumnEn));
        var credited = breakdown.By == "coordinator";
        var title = await ExportKpiProgress.TitleAsync(database, program, Heading.Format(breakdown.Name), new FiscalYear(breakdown.FiscalYear), breakdown.AsOf, ct,
            [(KpiLabel, breakdown.Name), (ByLabel, axis.By.ToString()), (TotalLabel, breakdown.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                (NoteLabel, ShareRule.ToString()), .. credited ? [(NoteLabel, CreditedToEach.ToString())] : Array.Empty<(LocalizedText, string)>()]);
        LocalizedText[] header = credited ? [axis.Column, CountHeader, AsMainHeader, AsSubHeader, ShareHeader] : [axis.Column, CountHeader, ShareHeader];
        var table = new ExportTable(header.Select(h => h.ToString()), title);
        foreach (var row in breakdown.Rows)
        {
            var share = Share(row.Count, breakdown.Total);
            if (credited)
                table.Add(row.Label, row.Count, row.AsMain, row.AsMain is { } main ? row.Count - main : (decimal?)null, share);
            else
                table.Add(row.Label, row.Count, share);
        }
        return ExportKpiProgress.File(table, format, $"breakdown-{program}-{breakdown.Code}-{breakdown.By}-FY{breakdown.FiscalYear}-{breakdown.AsOf:yyyyMMdd}",
            $"{ExportKpiProgress.FiscalYearName(new FiscalYear(breakdown.FiscalYear))} {axis.By}");
    }

    /// <summary>A row's share of the total in percent, one decimal half up, as the breakdown page shows it.</summary>
    public static decimal Share(long count, long total) => ProgressRule.Round(count * 100m / Math.Max(1, total));
}
