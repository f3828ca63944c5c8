using System.Globalization;
using FluentValidation;
using Matching.Companies.Registration;
using Matching.Contracts;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Search;

/// <summary>
/// 企業検索 — find a program's companies by any part of the name or its reading, written in any kana
/// (ｶﾌﾞｼｷ, カブシキ and かぶしき find the same), by corporate number, and by municipality; paged.
/// </summary>
internal static class SearchCompanies
{
    public sealed record Request(string? Q, string? MunicipalityCode, string? Industry, int Page, int PageSize, string Sort)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            static int IntOr(string? text, int fallback) =>
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : text is null or "" ? fallback : int.MinValue;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("q"), query.Text("municipalityCode"), query.Text("industry"),
                IntOr(query["page"], 1), IntOr(query["pageSize"], 20), query.Text("sort") ?? "name"));
        }
    }

    public static readonly LocalizedText QueryTooLong = new("検索語は 100 文字以内で入力してください。", "The search text is at most 100 characters.");
    public static readonly LocalizedText SortInvalid = new(
        "並び順は name（名称順）、registeredAt（登録の新しい順）、municipality（市区町村順）、employees（従業員の多い順）のいずれかで指定してください。",
        "sort is name, registeredAt, municipality or employees.");

    private static readonly Dictionary<string, string> OrderBy = new(StringComparer.Ordinal)
    {
        ["name"] = " ORDER BY name_folded, id",
        ["registeredAt"] = " ORDER BY registered_at DESC, id",
        ["municipality"] = " ORDER BY municipality_code, name_folded, id",
        ["employees"] = " ORDER BY CASE WHEN employees IS NULL THEN 1 ELSE 0 END, employees DESC, name_folded, id",
    };

    public sealed class Validator : AbstractValidator<Request>
    {
        public Validator()
        {
            RuleFor(r => r.Q).MaximumLength(100).Message(QueryTooLong);
            RuleFor(r => r.MunicipalityCode).Must(Contracts.MunicipalityCode.IsValid).Message(CompanyDetails.MunicipalityInvalid)
                .When(r => r.MunicipalityCode is not null);
            RuleFor(r => r.Page).ValidPage();
            RuleFor(r => r.PageSize).ValidPageSize(100);
            RuleFor(r => r.Industry).Must(IndustryDivision.IsValid).Message(CompanyDetails.IndustryInvalid).When(r => r.Industry is not null);
            RuleFor(r => r.Sort).Must(OrderBy.ContainsKey).Message(SortInvalid);
        }
    }

    // A substring match needs a scan of the program's folded names; an n-gram index comes with the search benchmark.
    internal const string FilterClause = """
          FROM companies
         WHERE program = @program
           AND (@pattern IS NULL OR name_folded LIKE @pattern ESCAPE '\' OR corporate_number = @corporateNumber)
           AND (@municipalityCode IS NULL OR municipality_code = @municipalityCode)
           AND (@industry IS NULL OR industry = @industry)
        """;

    internal const string CountSql = "SELECT COUNT(*) " + FilterClause;

    internal const string SelectSql = GetCompany.SelectColumns + "\n" + FilterClause;

    public static async Task<Ok<ListPage<GetCompany.Response>>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var folded = request.Q is null ? null : KanaFolding.Fold(request.Q);
        var parameters = new
        {
            program,
            pattern = string.IsNullOrEmpty(folded) ? null : "%" + EscapeLike(folded) + "%",
            corporateNumber = folded,
            municipalityCode = request.MunicipalityCode is null ? null : Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value,
            industry = request.Industry is null ? null : IndustryDivision.Parse(request.Industry).Value,
            offset = Paging.Offset(request.Page, request.PageSize),
            limit = request.PageSize,
        };
        var orderBy = OrderBy[request.Sort];
        var total = await database.ExecuteScalarAsync<int>(CountSql, parameters, ct);
        var items = await database.QueryAsync<GetCompany.Response>(
            database.Dialect.Page(SelectSql + orderBy, "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<GetCompany.Response>(items, request.Page, request.PageSize, total));
    }

    /// <summary>Searches for the text as typed: % and _ are not wildcards.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
