using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Companies;

/// <summary>Keeps the local copy's name current; a correction that arrives after a later one is ignored by its version.</summary>
internal sealed class CompanyUpdatedConsumer(ServiceDatabase<CoordinatorsModule> database)
    : InboxConsumer<CompanyUpdated>(database)
{
    private const string UpdateSql = """
        UPDATE companies SET name = @name, corporate_number = @corporateNumber, name_key = @nameKey, municipality_code = @municipalityCode,
                             industry = @industry, version = @version
         WHERE id = @id AND version < @version
        """;

    private const string InsertSql = """
        INSERT INTO companies (id, program, name, corporate_number, name_key, municipality_code, industry, version)
        SELECT @id, @program, @name, @corporateNumber, @nameKey, @municipalityCode, @industry, @version
         WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = @id)
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, CompanyUpdated message, CancellationToken ct)
    {
        var parameters = new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, corporateNumber = message.CorporateNumber,
            nameKey = Contracts.CompanyName.Key(message.Name), municipalityCode = message.MunicipalityCode, industry = message.Industry,
            version = message.Version,
        };
        await tx.ExecuteAsync(UpdateSql, parameters, ct);
        await tx.ExecuteAsync(InsertSql, parameters, ct);
    }
}
