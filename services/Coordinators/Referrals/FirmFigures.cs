using System.Globalization;
using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Exports;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;

namespace Matching.Coordinators.Referrals;

/// <summary>
/// 事業者別の取次実績 — per firm, the referrals of a fiscal year (by the day they were sent): how many, how they were
/// answered, the acceptance rate among those answered or expired, and the median time to an answer. As JSON, CSV or xlsx.
/// </summary>
internal static class FirmFigures
{
    public sealed record Request(int? FiscalYear, string? Format)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            int? year = int.TryParse(query.Text("fiscalYear"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var y) ? y : null;
            return ValueTask.FromResult<Request?>(new Request(year, query.Text("format")));
        }
    }

    public sealed record Row(
        Guid FirmId, string Name, int Referrals, int Accepted, int Declined, int Expired, int Withdrawn, int Open, decimal? AcceptanceRate, decimal? MedianHoursToAnswer);

    public static readonly LocalizedText YearInvalid = new("年度は 1989〜2100 の西暦（年度の始まる年）で指定してください。", "The fiscal year is the starting year, 1989–2100.");
    public static readonly LocalizedText FormatInvalid = new("形式は json、csv、xlsx のいずれかです。", "format is json, csv or xlsx.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.FiscalYear).NotNull().Message(YearInvalid)
                .InclusiveBetween(Contracts.FiscalYear.MinStartYear, Contracts.FiscalYear.MaxStartYear).Message(YearInvalid);
            RuleFor(r => r.Format).Must(f => f is null or "json" or "csv" or "xlsx").Message(FormatInvalid);
        }
    }

    internal const string Sql = """
        SELECT r.firm_id AS FirmId, f.name AS Name, r.status AS Status, r.referred_at AS ReferredAt, r.answered_at AS AnsweredAt
          FROM referrals r JOIN firms f ON f.id = r.firm_id
         WHERE r.program = @program AND r.referred_on >= @from AND r.referred_on <= @to
        """;

    private sealed class Fact
    {
        public Guid FirmId { get; init; }
        public string Name { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset ReferredAt { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
    }

    public static async Task<IResult> HandleAsync(string program, Request request, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var year = new Contracts.FiscalYear(request.FiscalYear!.Value);
        var facts = await database.QueryAsync<Fact>(Sql, new { program, from = year.FirstDay, to = year.LastDay }, ct);
        var rows = facts.GroupBy(f => (f.FirmId, f.Name)).Select(g =>
        {
            int Count(string status) => g.Count(f => f.Status == status);
            var decided = Count("accepted") + Count("declined") + Count("expired");
            var hours = g.Where(f => f.AnsweredAt is not null).Select(f => (decimal)(f.AnsweredAt!.Value - f.ReferredAt).TotalHours).Order().ToList();
            decimal? median = hours.Count == 0 ? null
                : hours.Count % 2 == 1 ? hours[hours.Count / 2] : (hours[hours.Count / 2 - 1] + hours[hours.Count / 2]) / 2;
            return new Row(g.Key.FirmId, g.Key.Name, g.Count(), Count("accepted"), Count("declined"), Count("expired"), Count("withdrawn"), Count("sent"),
                decided == 0 ? null : Math.Round(100m * Count("accepted") / decided, 1, MidpointRounding.AwayFromZero),
                median is { } m ? Math.Round(m, 1, MidpointRounding.AwayFromZero) : null);
        }).OrderByDescending(r => r.Referrals).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        if (request.Format is null or "json")
            return TypedResults.Ok(rows);
        var table = new ExportTable(["事業者", "取次件数", "承諾", "辞退", "期限切れ", "取消", "回答待ち", "承諾率（%）", "回答までの時間（中央値・時間）"]);
        foreach (var r in rows)
            table.Add(r.Name, r.Referrals, r.Accepted, r.Declined, r.Expired, r.Withdrawn, r.Open, r.AcceptanceRate, r.MedianHoursToAnswer);
        var name = $"referrals-by-firm-{program}-{year.StartYear}";
        return request.Format == "csv"
            ? TypedResults.File(table.ToCsv(), ExportTable.CsvContentType, name + ".csv")
            : TypedResults.File(table.ToXlsx($"{year.JapaneseName}取次実績"), ExportTable.XlsxContentType, name + ".xlsx");
    }
}
