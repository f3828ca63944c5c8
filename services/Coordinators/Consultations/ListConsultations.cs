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
    public sealed record Request(Guid? CompanyId, DateOnly? From, DateOnly? To, int Page, int PageSize, IReadOnlyList<string> Unreadable)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            var unreadable = new List<string>();
            Guid? companyId = null;
            if (!string.IsNullOrEmpty(query["companyId"]))
            {
                if (Guid.TryParse(query["companyId"], out var id))
                    companyId = id;
                else
                    unreadable.Add("companyId");
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
            return ValueTask.FromResult<Request?>(new Request(companyId, Date("from"), Date("to"), Number("page", 1), Number("pageSize", 50), unreadable));
        }
    }

    public static readonly LocalizedText Unreadable = new("値の形式が正しくありません。", "The value has the wrong format.");
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
        + (request.To is null ? "" : " AND date <= @to");

    public static async Task<Ok<ListPage<GetConsultation.Response>>> HandleAsync(
        string program, Request request, ServiceDatabase<CoordinatorsModule> database, CancellationToken ct)
    {
        var parameters = new
        {
            program, companyId = request.CompanyId, from = request.From, to = request.To,
            offset = Paging.Offset(request.Page, request.PageSize), limit = request.PageSize,
        };
        var filter = FilterClause(request);
        var total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*)" + filter, parameters, ct);
        var rows = await database.QueryAsync<GetConsultation.Row>(
            database.Dialect.Page(GetConsultation.SelectColumns + filter + " ORDER BY date DESC, logged_at DESC, id", "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<GetConsultation.Response>(rows.Select(r => r.ToResponse()).ToList(), request.Page, request.PageSize, total));
    }
}
