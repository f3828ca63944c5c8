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
/// (ｶﾌﾞｼｷ, カブシキ and かぶしき find the same), by the name of its municipality (北見 finds the companies of 北見市), by
/// part of its address, by corporate number; filtered by municipality and industry; paged.
/// </summary>
internal static class SearchCompanies
{
    public sealed record Request(string? Q, string? MunicipalityCode, string? Industry, int Page, int PageSize, string Sort)
    {
        public static ValueTask<Request?> BindAsync(HttpContext context)
        {
            var query = context.Request.Query;
            return ValueTask.FromResult<Request?>(new Request(
                query.Text("q"), query.Text("municipalityCode"), query.Text("industry"),
                query.WholeNumber("page", 1), query.WholeNumber("pageSize", 20), query.Text("sort") ?? "reading"));
        }
    }

    public static readonly LocalizedText QueryTooLong = new("検索語は 100 文字以内で入力してください。", "The search text is at most 100 characters.");
    public static readonly LocalizedText SortInvalid = new(
        "並び順は reading（50音順）、name（名称順）、registeredAt（登録の新しい順）、municipality（市区町村順）、employees（従業員の多い順）のいずれかで指定してください。",
        "sort is reading, name, registeredAt, municipality or employees.");

    // 50音順 is the reading without its legal form (カブシキガイシャ), as Japanese lists sort; municipality order is the code's,
    // the official order of prefectures and their municipalities.
    internal static readonly Dictionary<string, string> OrderBy = new(StringComparer.Ordinal)
    {
        ["reading"] = " ORDER BY reading_key, name_folded, id",
        ["name"] = " ORDER BY name_folded, id",
        ["registeredAt"] = " ORDER BY registered_at DESC, id",
        ["municipality"] = " ORDER BY municipality_code, reading_key, id",
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

    /// <summary>A page of companies found; <see cref="TotalIsAtLeast"/> says the search stopped counting at <see cref="Total"/>.</summary>
    public sealed record SearchPage(IReadOnlyList<GetCompany.Response> Items, int Page, int PageSize, int Total, bool TotalIsAtLeast, string Sort);

    /// <summary>
    /// Beyond this many matches a name search (SQLite) stops counting and lists the newest first, straight from the index
    /// (or the table, for one or two characters): a name part shared by tens of thousands of companies ("テック", "北見")
    /// must not cost a count and a sort of all of them. A narrower search sorts as asked.
    /// </summary>
    public const int CountLimit = 1_000;

    // A text also finds the companies of the municipalities it names and those whose address holds it as written.
    private const string PlaceMatch = " OR c.municipality_code IN @places OR c.address LIKE @addressPattern ESCAPE '\\'";

    /// <summary>More municipalities than this ("市", "町") make the text too general to mean a place.</summary>
    private const int PlaceLimit = 50;

    /// <summary>
    /// Only the filters given become conditions ("@x IS NULL OR …" would keep the planner from the indexes). SQLite with
    /// three or more characters reads the trigram index (company_search) first and the companies it names; SQL Server,
    /// and SQLite for one or two characters, scan the program's folded names with LIKE.
    /// </summary>
    internal static string Source(Request request, string? folded, SqlDialect dialect)
    {
        var filters = (request.MunicipalityCode is null ? "" : " AND municipality_code = @municipalityCode")
                      + (request.Industry is null ? "" : " AND industry = @industry");
        if (string.IsNullOrEmpty(folded))
            return " FROM companies WHERE program = @program" + filters;
        if (Contracts.CorporateNumber.IsValid(folded))
            return " FROM companies WHERE program = @program AND corporate_number = @corporateNumber" + filters;
        if (dialect != SqlDialect.Sqlite)
            return " FROM companies c WHERE program = @program AND (name_folded LIKE @pattern ESCAPE '\\'" + PlaceMatch + ")" + filters;
        // One or two characters: read the table newest first (its rowid order), so a common part stops at the first matches.
        if (folded.Length < 3)
        {
            return $"""
                 FROM (SELECT c.*, c.rowid AS search_order
                         FROM companies c NOT INDEXED
                        WHERE c.program = @program AND (c.name_folded LIKE @pattern ESCAPE '\'{PlaceMatch})) AS companies
                WHERE 1 = 1
                """ + filters;
        }
        return $"""
             FROM (SELECT c.*, s.rowid AS search_order
                     FROM company_search s CROSS JOIN companies c ON c.rowid = s.rowid
                    WHERE s.company_search MATCH @phrase AND c.program = @program
                   UNION
                   SELECT c.*, c.rowid AS search_order
                     FROM companies c
                    WHERE c.program = @program AND (1 = 0{PlaceMatch})) AS companies
            WHERE 1 = 1
            """ + filters;
    }

    public static async Task<Ok<SearchPage>> HandleAsync(
        string program, Request request, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var folded = request.Q is null ? null : KanaFolding.Fold(request.Q);
        var parameters = Parameters(program, request, folded);
        // SQLite counts a name search only up to the limit; SQL Server counts every match.
        var capped = database.Dialect == SqlDialect.Sqlite && !string.IsNullOrEmpty(folded) && !Contracts.CorporateNumber.IsValid(folded);
        var source = Source(request, folded, database.Dialect);
        var sort = request.Sort;
        var orderBy = OrderBy[sort];
        int total;
        var atLeast = false;
        if (capped)
        {
            total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM (SELECT 1 AS found" + source + " LIMIT @countLimit) AS found", parameters, ct);
            if (total > CountLimit)
            {
                (total, atLeast, sort, orderBy) = (CountLimit, true, "registeredAt", " ORDER BY search_order DESC");
            }
        }
        else
        {
            total = await database.ExecuteScalarAsync<int>("SELECT COUNT(*)" + source, parameters, ct);
        }
        var items = await database.QueryAsync<GetCompany.Response>(
            database.Dialect.Page(GetCompany.SelectColumns + source + orderBy, "@offset", "@limit"), parameters, ct);
        return TypedResults.Ok(new SearchPage(items, request.Page, request.PageSize, total, atLeast, sort));
    }

    /// <summary>The parameters of <see cref="Source"/> and of the page.</summary>
    internal static object Parameters(string program, Request request, string? folded) => new
    {
        program,
        pattern = string.IsNullOrEmpty(folded) ? null : LikePattern.Containing(folded),
        // One FTS5 phrase: the folded text in double quotes, its own quotes doubled.
        phrase = string.IsNullOrEmpty(folded) ? null : "\"" + folded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"",
        corporateNumber = folded,
        places = Places(request.Q),
        addressPattern = string.IsNullOrWhiteSpace(request.Q) ? null : LikePattern.Containing(request.Q.Trim()),
        municipalityCode = request.MunicipalityCode is null ? null : Contracts.MunicipalityCode.Parse(request.MunicipalityCode).Value,
        industry = request.Industry is null ? null : IndustryDivision.Parse(request.Industry).Value,
        offset = Paging.Offset(request.Page, request.PageSize),
        limit = request.PageSize,
        countLimit = CountLimit + 1,
    };

    private static string[] Places(string? text) =>
        Municipality.Matching(text) is { Count: > 0 and <= PlaceLimit } found ? found.Select(m => m.Code.Value).ToArray() : [];

}
