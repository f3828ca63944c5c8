using Dapper;
using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Platform.Data;

namespace Matching.Companies.Registration;

/// <summary>Writes a company's record and, in the same transaction, the event that tells the other services.</summary>
internal static class CompanyStore
{
    private const string InsertSql = """
        INSERT INTO companies (id, program, name, name_kana, name_folded, name_key, reading_key, corporate_number, prefecture_code, municipality_code,
                               postal_code, address, industry, employees, capital_yen, contact_name, contact_title, contact_phone,
                               contact_email, member_tier, annual_fee_yen, member_since, registered_at, version)
        VALUES (@Id, @Program, @Name, @NameKana, @NameFolded, @NameKey, @ReadingKey, @CorporateNumber, @PrefectureCode, @MunicipalityCode,
                @PostalCode, @Address, @Industry, @Employees, @CapitalYen, @ContactName, @ContactTitle, @ContactPhone,
                @ContactEmail, @MemberTier, @AnnualFeeYen, @MemberSince, @At, 1)
        """;

    private const string UpdateSql = """
        UPDATE companies
           SET name = @Name, name_kana = @NameKana, name_folded = @NameFolded, name_key = @NameKey, reading_key = @ReadingKey,
               corporate_number = @CorporateNumber,
               prefecture_code = @PrefectureCode, municipality_code = @MunicipalityCode, postal_code = @PostalCode, address = @Address,
               industry = @Industry, employees = @Employees, capital_yen = @CapitalYen, contact_name = @ContactName,
               contact_title = @ContactTitle, contact_phone = @ContactPhone, contact_email = @ContactEmail, member_tier = @MemberTier,
               annual_fee_yen = @AnnualFeeYen, member_since = @MemberSince, updated_at = @At, version = version + 1
         WHERE program = @Program AND id = @Id AND version = @Version
        """;

    internal const string CorporateNumberOwnerSql =
        "SELECT id FROM companies WHERE program = @program AND corporate_number = @corporateNumber";

    public static async Task<Guid> InsertAsync(DatabaseTransaction tx, CompanyDetails.Columns company, DateTimeOffset at, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var parameters = new DynamicParameters(company);
        parameters.Add("Id", id);
        parameters.Add("At", at);
        await tx.ExecuteAsync(InsertSql, parameters, ct);
        await tx.Outbox.AddAsync(new CompanyRegistered(
            EventIds.New(), company.Program, at, id, company.Name, company.NameKana, company.CorporateNumber,
            company.PrefectureCode, company.MunicipalityCode, company.Industry), ct);
        return id;
    }

    /// <summary>Replaces the record if it is still at <paramref name="version"/>; false when someone changed it first.</summary>
    public static async Task<bool> UpdateAsync(
        DatabaseTransaction tx, Guid id, int version, CompanyDetails.Columns company, DateTimeOffset at, CancellationToken ct)
    {
        var parameters = new DynamicParameters(company);
        parameters.Add("Id", id);
        parameters.Add("Version", version);
        parameters.Add("At", at);
        if (await tx.ExecuteAsync(UpdateSql, parameters, ct) == 0)
            return false;
        await tx.Outbox.AddAsync(new CompanyUpdated(
            EventIds.New(), company.Program, at, id, version + 1, company.Name, company.NameKana, company.CorporateNumber,
            company.PrefectureCode, company.MunicipalityCode, company.Industry), ct);
        return true;
    }

    /// <summary>The company holding the corporate number in the program, if any (the unique index is the real guard).</summary>
    public static Task<Guid?> OwnerOfAsync(DatabaseTransaction tx, string program, string corporateNumber, CancellationToken ct) =>
        tx.ExecuteScalarAsync<Guid?>(CorporateNumberOwnerSql, new { program, corporateNumber }, ct);
}
