using System.Globalization;
using FluentValidation;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Coordinators.Consultations;

/// <summary>相談記録の一覧 — a program's consultation log, newest first, optionally for one company and a date range.</summary>
internal static class ListConsultations
{
    /// <param name="Channel">Only consultations by this channel (visit, phone …).</param>
    /// <param name="Issue">Only those naming this management issue (経営課題).</param>
    /// <param name="CoordinatorId">Only those this coordinator (by account) took part in, as main or sub.</param>
    /// <param name="Coordinator">Only those someone of this name took part in (named outside staff, or anyone by the name recorded).</param>
    /// <param name="Keyword">Only those whose notes, next action or other issue contain this text.</param>
    /// <param name="Sort"><c>date</c> (newest first, the default), <c>date-asc</c>, or <c>company</c> (by company name, then newest).</param>
    public sealed record Request(Guid? CompanyId, DateOnly? From, DateOnly? To, int Page, int PageSize, IReadOnlyList<string> Unreadable,
        string? Channel = null, string? Issue = null, string? Coordinator = null, string? Keyword = null, string? Sort = null, Guid? CoordinatorId = null)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            var unreadable = new List<string>();
            Guid? Id(string name)
            {
                if (string.IsNullOrEmpty(query[name]))
                    return null;
                if (Guid.TryParse(query[name], out var id))
                    return id;
                unreadable.Add(name);
                return null;
            }
            DateOnly? Date(string name)
            {
                var text = query[name].ToString();
                if (text.Length == 0)
                    return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return d;
                unreadable.Add(name);
                return null;
            }
            int Number(string name, int fallback)
            {
                var text = query[name].ToString();
                if (text.Length == 0)
                    return fallback;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                    return n;
                unreadable.Add(name);
                return fallback;
            }
            string? Text(string name) => query[name].ToString() is { Length: > 0 } t ? t.Trim() : null;
            return ValueTask.FromResult<Request?>(new Request(Id("companyId"), Date("from"), Date("to"), Number("page", 1), Number("pageSize", 50), unreadable,
                Text("channel"), Text("issue"), Text("coordinator"), Text("keyword"), Text("sort"), Id("coordinatorId")));
        }
    }

    public static readonly LocalizedText Unreadable = new("値の形式が正しくありません。", "The value has the wrong format.");
    public static readonly LocalizedText ChannelUnknown = new("相談方法が正しくありません。", "Unknown channel.");
    public static readonly LocalizedText IssueUnknown = new("経営課題が正しくありません。", "Unknown management issue.");
    public static readonly LocalizedText FilterTooLong = new("絞り込みの文字は 100 文字以内にしてください。", "A filter has at most 100 characters.");
    public static readonly LocalizedText SortUnknown = new("並び順は date、date-asc、company のいずれかです。", "sort is date, date-asc or company.");
    public static readonly LocalizedText FormatUnknown = new("形式は csv か xlsx です。", "format is csv or xlsx.");
    public static readonly LocalizedText RangeReversed = new("終了日は開始日以降にしてください。", "to must not be before from.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r).Custom((r, context) =>
            {
                foreach (var field in r.Unreadable)
                    context.AddFailure(field, Unreadable.ToString());
            });
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
            RuleFor(r => r.To).GreaterThanOrEqualTo(r => r.From).When(r => r.From is not null && r.To is not null).Message(RangeReversed);
            RuleFor(r => r.Channel).Must(c => ConsultationChannels.IsName(c!)).Message(ChannelUnknown).When(r => r.Channel is not null);
            RuleFor(r => r.Issue).Must(i => ManagementIssues.IsName(i!)).Message(IssueUnknown).When(r => r.Issue is not null);
            RuleFor(r => r.Coordinator).MaximumLength(100).Message(FilterTooLong);
            RuleFor(r => r.Keyword).MaximumLength(100).Message(FilterTooLong);
            RuleFor(r => r.Sort).Must(s => s is "date" or "date-asc" or "company").Message(SortUnknown).When(r => r.Sort is not null);
        }
    }

    /// <summary>
    /// Only the filters given become conditions: "@x IS NULL OR column = @x" would keep SQLite from using the index on
    /// (program, company_id, date) and read the whole log for one company's page.
    /// </summary>
    internal static string FilterClause(Request request) =>
        " FROM consultations WHERE program = @program"
        + (request.CompanyId is null ? "" : " AND company_id = @companyId")
        + (request.From is null ? "" : " AND date >= @from")
        + (request.To is null ? "" : " AND date <= @to")
        + (request.Channel is null ? "" : " AND channel = @channel")
        // issues (comma-separated names) is a list: an item matches whole.
        + (request.Issue is null ? "" : " AND " + ItemOf("issues", "issue"))
        // The people of a consultation are rows of consultation_coordinators (main and sub alike), by account or by name.
        + (request.CoordinatorId is null ? "" : " AND " + StaffOf("cc.user_id = @coordinatorId"))
        + (request.Coordinator is null ? "" : " AND " + StaffOf("cc.name = @coordinator"))
        + (request.Keyword is null ? "" : " AND (notes LIKE @keyword ESCAPE '\\' OR next_action LIKE @keyword ESCAPE '\\' OR other_issue LIKE @keyword ESCAPE '\\')");

    /// <summary>The list column holds the item alone, first, last or between others (<c>@x</c>, <c>@xFirst</c>, <c>@xLast</c>, <c>@xBetween</c>).</summary>
    private static string ItemOf(string column, string parameter) =>
        $"({column} = @{parameter} OR {column} LIKE @{parameter}First ESCAPE '\\' OR {column} LIKE @{parameter}Last ESCAPE '\\' OR {column} LIKE @{parameter}Between ESCAPE '\\')";

    private static string StaffOf(string condition) =>
        $"EXISTS (SELECT 1 FROM consultation_coordinators cc WHERE cc.consultation_id = consultations.id AND {condition})";

    private static string OrderOf(Request request) => request.Sort switch
    {
        "date-asc" => " ORDER BY date, logged_at, id",
        "company" => " ORDER BY (SELECT c.name FROM companies c WHERE c.id = consultations.company_id), date DESC, logged_at DESC, id",
        _ => " ORDER BY date DESC, logged_at DESC, id",
    };

    private static Dapper.DynamicParameters Parameters(string program, Request request)
    {
        var parameters = new Dapper.DynamicParameters(new
        {
            program, companyId = request.CompanyId, coordinatorId = request.CoordinatorId, coordinator = request.Coordinator, from = request.From, to = request.To, channel = request.Channel,
            keyword = request.Keyword is { } k ? LikePattern.Containing(k) : null,
            offset = Paging.Offset(request.Page, request.PageSize), limit = request.PageSize,
        });
        void Item(string name, string? value, string separator)
        {
            if (value is null)
                return;
            var escaped = LikePattern.Escape(value);
            parameters.Add(name, value);
            parameters.Add(name + "First", escaped + separator + "%");
            parameters.Add(name + "Last", "%" + separator + escaped);
            parameters.Add(name + "Between", "%" + separator + escaped + separator + "%");
        }
        Item("issue", request.Issue, ",");
        return parameters;
    }

    public static async Task<Ok<ListPage<GetConsultation.Response>>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var parameters = Parameters(program, request);
        var filter = FilterClause(request);
        var total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*)" + filter, parameters, ct);
        var rows = await database.QueryAsync<GetConsultation.Row>(
            database.Dialect.Page(GetConsultation.SelectColumns + filter + OrderOf(request), "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<GetConsultation.Response>(rows.Select(r => r.ToResponse()).ToList(), request.Page, request.PageSize, total));
    }

    /// <summary>The most a file export holds: a fiscal year of a busy program fits many times.</summary>
    internal const int ExportLimit = 50_000;

    public static readonly LocalizedText ExportHeading = new("相談記録", "Consultation log");
    public static readonly LocalizedText ProgramLabel = new("プログラム", "Program");
    public static readonly LocalizedText ExportedOnLabel = new("基準日（出力日）", "As of (exported on)");
    public static readonly LocalizedText PeriodLabel = new("期間", "Period");
    public static readonly LocalizedText IssueLabel = new("経営課題", "Management issue");
    public static readonly LocalizedText KeywordLabel = new("キーワード", "Keyword");
    public static readonly LocalizedText SortLabel = new("並び順", "Order");
    public static readonly LocalizedText FiltersLabel = new("絞り込み", "Filters");
    public static readonly LocalizedText NoFilter = new("なし（すべての相談）", "None (every consultation)");
    public static readonly LocalizedText RowsLabel = new("件数", "Rows");
    public static readonly LocalizedText NextActionDateLabel = new("次回予定日", "Next action date");
    public static readonly LocalizedText VoidedLabel = new("取消", "Voided");
    private static readonly Dictionary<string, LocalizedText> Sorts = new(StringComparer.Ordinal)
    {
        ["date"] = new("相談日の新しい順", "Newest first"), ["date-asc"] = new("相談日の古い順", "Oldest first"), ["company"] = new("企業名順", "By company"),
    };

    /// <summary>The same log as a file (CSV in UTF-8 with BOM, or .xlsx), with the same filters and order, up to <see cref="ExportLimit"/> rows.</summary>
    public static async Task<IResult> ExportAsync(
        string program, string format, Request request, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        var all = request with { Page = 1, PageSize = ExportLimit };
        var rows = (await database.QueryAsync<GetConsultation.Row>(
            database.Dialect.Page(GetConsultation.SelectColumns + FilterClause(all) + OrderOf(all), "@offset", "@limit"), Parameters(program, all), ct)).ToList();
        LocalizedText[] header =
        [
            LogConsultation.DateLabel, LogConsultation.CompanyLabel, ConsultationContent.CoordinatorsLabel, ConsultationContent.ChannelLabel, IssueLabel,
            ConsultationContent.NotesLabel, ConsultationContent.NextActionLabel, NextActionDateLabel, VoidedLabel,
        ];
        var table = new Platform.Exports.ExportTable(header.Select(h => h.ToString()), await TitleAsync(program, request, rows.Count, database, clock, ct));
        var separator = LocalizedText.IsEnglish ? ", " : "、";
        foreach (var r in rows.Select(r => r.ToResponse()))
        {
            table.Add(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.CompanyName, string.Join(separator, r.Coordinators),
                ConsultationChannels.Label(r.Channel), string.Join(separator, r.Issues.Select(ManagementIssues.Label)), r.Notes, r.NextAction,
                r.NextActionDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.VoidedAt is null ? null : VoidedLabel.ToString());
        }
        return format == "xlsx"
            ? Results.File(table.ToXlsx(ExportHeading.ToString()), Platform.Exports.ExportTable.XlsxContentType, $"consultations-{program}.xlsx")
            : Results.File(table.ToCsv(), Platform.Exports.ExportTable.CsvContentType, $"consultations-{program}.csv");
    }

    /// <summary>What the file holds: the program, the day it was taken (基準日), and each filter applied, or that none was.</summary>
    private static async Task<Platform.Exports.ExportTitle> TitleAsync(
        string program, Request request, int count, ServiceDatabase<CoordinatorsModule> database, TimeProvider clock, CancellationToken ct)
    {
        string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
        var filters = new List<(LocalizedText Label, string Value)>();
        if (request.From is not null || request.To is not null)
            filters.Add((PeriodLabel, $"{Day(request.From)}〜{Day(request.To)}"));
        if (request.CompanyId is { } companyId)
        {
            var name = await database.QuerySingleOrDefaultAsync<string>(
                "SELECT name FROM companies WHERE program = @program AND id = @companyId", new { program, companyId }, ct);
            filters.Add((LogConsultation.CompanyLabel, name ?? companyId.ToString()));
        }
        if (request.CoordinatorId is { } coordinatorId)
        {
            var name = await database.QuerySingleOrDefaultAsync<string>(
                "SELECT display_name FROM staff WHERE program = @program AND user_id = @coordinatorId", new { program, coordinatorId }, ct);
            filters.Add((ConsultationContent.CoordinatorsLabel, name ?? coordinatorId.ToString()));
        }
        if (request.Coordinator is { } coordinator)
            filters.Add((ConsultationContent.CoordinatorsLabel, coordinator));
        if (request.Channel is { } channel)
            filters.Add((ConsultationContent.ChannelLabel, ConsultationChannels.Label(channel)));
        if (request.Issue is { } issue)
            filters.Add((IssueLabel, ManagementIssues.Label(issue)));
        if (request.Keyword is { } keyword)
            filters.Add((KeywordLabel, keyword));
        if (filters.Count == 0)
            filters.Add((FiltersLabel, NoFilter.ToString()));
        // The export day in Japan, the day the office would write on the document.
        var today = Matching.Contracts.JapanTime.Today(clock);
        var programName = await Platform.Tenancy.ProgramDirectory.NameAsync(database, program, ct);
        (LocalizedText Label, string Value)[] lines =
        [
            (ProgramLabel, programName ?? program), (ExportedOnLabel, Day(today)), .. filters,
            (SortLabel, Sorts[request.Sort ?? "date"].ToString()), (RowsLabel, count.ToString(CultureInfo.InvariantCulture)),
        ];
        return new(ExportHeading.ToString(), [.. lines.Select(l => (l.Label.ToString(), l.Value))]);
    }
}
