using FluentValidation;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Needs;

/// <summary>人材ニーズ一覧 — a program's talent needs, newest first, by company, status or employment form.</summary>
internal static class ListNeeds
{
    public sealed record Request(string? CompanyId, string? Status, string? EmploymentForm, int Page, int PageSize)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("companyId"), query.Text("status"), query.Text("employmentForm"), query.WholeNumber("page", 1), query.WholeNumber("pageSize", 50)));
        }
    }

    public static readonly LocalizedText Unreadable = new("値の形式が正しくありません。", "The value has the wrong format.");

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.CompanyId).Must(id => Guid.TryParse(id, out _)).Message(Unreadable).When(r => r.CompanyId is not null);
            RuleFor(r => r.Status).Must(s => Statuses(s!).All(QueryValues.IsEnumName<NeedStatus>)).Message(Unreadable).When(r => r.Status is not null);
            RuleFor(r => r.EmploymentForm).Must(s => QueryValues.IsEnumName<EmploymentForm>(s!)).Message(Unreadable)
                .When(r => r.EmploymentForm is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(200);
        }
    }

    private const string FilterClause = """
         WHERE n.program = @program
           AND (@companyId IS NULL OR n.company_id = @companyId)
           AND (@employmentForm IS NULL OR n.employment_form = @employmentForm)
        """;

    // One status or several (open,referred: the needs still in progress); Dapper expands the list.
    private const string StatusClause = " AND n.status IN @statuses";

    /// <summary>"open,referred" → its names; one name is a list of one.</summary>
    internal static string[] Statuses(string text) => text.Split(',', StringSplitOptions.TrimEntries);

    public static async Task<Ok<ListPage<GetNeed.Response>>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var parameters = new
        {
            program,
            companyId = request.CompanyId is null ? (Guid?)null : Guid.Parse(request.CompanyId),
            statuses = request.Status is null ? [] : Statuses(request.Status).Select(n => TalentNeedDetails.Name(Enum.Parse<NeedStatus>(n, ignoreCase: true))).Distinct().ToArray(),
            employmentForm = request.EmploymentForm is null ? null : TalentNeedDetails.Name(Enum.Parse<EmploymentForm>(request.EmploymentForm, ignoreCase: true)),
            offset = Paging.Offset(request.Page, request.PageSize),
            limit = request.PageSize,
        };
        var filter = FilterClause + (parameters.statuses.Length > 0 ? StatusClause : "");
        var total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM talent_needs n " + filter, parameters, ct);
        var items = await database.QueryAsync<GetNeed.Response>(
            database.Dialect.Page(GetNeed.SelectColumns + filter + " ORDER BY n.opened_on DESC, n.opened_at DESC, n.id", "@offset", "@limit"),
            parameters, ct);
        return TypedResults.Ok(new ListPage<GetNeed.Response>(items, request.Page, request.PageSize, total));
    }
}
