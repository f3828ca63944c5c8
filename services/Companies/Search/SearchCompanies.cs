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

    /// <summary>
    /// The filter with a plain substring match: a scan of the program's folded names. SQL Server always searches this way
    /// (a full-text catalog is the DBA's choice), SQLite for searches of one or two characters.
    /// </summary>
    internal const string ScanFilter = """
          FROM companies
         WHERE program = @program
           AND (@pattern IS NULL OR name_folded LIKE @pattern ESCAPE '\' OR corporate_number = @corporateNumber)
           AND (@municipalityCode IS NULL OR municipality_code = @municipalityCode)
           AND (@industry IS NULL OR industry = @industry)
        """;

    /// <summary>SQLite with 3 or more characters: the trigram index (company_search) finds the candidates.</summary>
    internal const string IndexedFilter = """
          FROM companies
         WHERE program = @program
           AND rowid IN (SELECT rowid FROM company_search WHERE company_search MATCH @phrase
                         UNION ALL
                         SELECT rowid FROM companies WHERE program = @program AND corporate_number = @corporateNumber)
           AND (@municipalityCode IS NULL OR municipality_code = @municipalityCode)
           AND (@industry IS NULL OR industry = @industry)
        """;

    public static async Task<Ok<ListPage<GetCompany.Response>>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var folded = request.Q is null ? null : KanaFolding.Fold(request.Q);
        var parameters = new
        {
            program,
            pattern = string.IsNullOrEmpty(folded) ? null : "%" + EscapeLike(folded) + "%",
            // One FTS5 phrase: the folded text in double quotes, its own quotes doubled.
            phrase = string.IsNullOrEmpty(folded) ? null : "\"" + folded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
            corporateNumber = folded,
            municipalityCode = request.MunicipalityCode is null ? null : Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value,
            industry = request.Industry is null ? null : IndustryDivision.Parse(request.Industry).Value,
            offset = Paging.Offset(request.Page, request.PageSize),
            limit = request.PageSize,
        };
        var orderBy = OrderBy[request.Sort];
        var filter = database.Dialect == SqlDialect.Sqlite && folded is { Length: >= 3 } ? IndexedFilter : ScanFilter;
        var total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*) " + filter, parameters, ct);
        var items = await database.QueryAsync<GetCompany.Response>(
            database.Dialect.Page(GetCompany.SelectColumns + "\n" + filter + orderBy, "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new ListPage<GetCompany.Response>(items, request.Page, request.PageSize, total));
    }

    /// <summary>Searches for the text as typed: % and _ are not wildcards.</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
