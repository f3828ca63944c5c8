using Matching.Platform.Data;
using Matching.Platform.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Matching.Companies.Registration;

internal static class GetCompany
{
    public sealed record Response(
        Guid Id, string Name, string NameKana, string? CorporateNumber, string PrefectureCode, string MunicipalityCode,
        string? PostalCode, string? Address, string? Industry, int? Employees, long? CapitalYen,
        string? ContactName, string? ContactTitle, string? ContactPhone, string? ContactEmail,
        string? MemberTier, long? AnnualFeeYen, DateOnly? MemberSince,
        DateTimeOffset RegisteredAt, DateTimeOffset? UpdatedAt, int Version);

    public static readonly LocalizedText UnknownCompany = new("この企業は登録されていません。", "This company is not registered.");

    /// <summary>The columns of <see cref="Response"/>; every read of companies selects them.</summary>
    internal const string SelectColumns = """
        SELECT id AS Id, name AS Name, name_kana AS NameKana, corporate_number AS CorporateNumber,
               prefecture_code AS PrefectureCode, municipality_code AS MunicipalityCode,
               postal_code AS PostalCode, address AS Address, industry AS Industry, employees AS Employees, capital_yen AS CapitalYen,
               contact_name AS ContactName, contact_title AS ContactTitle, contact_phone AS ContactPhone, contact_email AS ContactEmail,
               member_tier AS MemberTier, annual_fee_yen AS AnnualFeeYen, member_since AS MemberSince,
               registered_at AS RegisteredAt, updated_at AS UpdatedAt, version AS Version
        """;

    internal const string Sql = SelectColumns + "\n" + """
          FROM companies
         WHERE program = @program AND id = @id
        """;

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(
        string program, Guid id, ServiceDatabase<CompaniesModule> database, CancellationToken ct)
    {
        var company = await database.QuerySingleOrDefaultAsync<Response>(Sql, new { program, id }, ct);
        return company is null ? Problems.NotFound(UnknownCompany) : TypedResults.Ok(company);
    }
}
