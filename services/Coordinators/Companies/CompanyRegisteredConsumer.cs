using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Companies;

/// <summary>Keeps the local copy of companies a consultation can be logged for.</summary>
internal sealed class CompanyRegisteredConsumer(ServiceDatabase<CoordinatorsModule> database)
    : InboxConsumer<CompanyRegistered>(database)
{
    internal const string Sql = """
        INSERT INTO companies (id, program, name, corporate_number, name_key, municipality_code, industry)
        SELECT @id, @program, @name, @corporateNumber, @nameKey, @municipalityCode, @industry
         WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = @id)
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, CompanyRegistered message, CancellationToken ct) =>
        tx.ExecuteAsync(Sql, new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, corporateNumber = message.CorporateNumber,
            nameKey = Contracts.CompanyName.Key(message.Name), municipalityCode = message.MunicipalityCode, industry = message.Industry,
        }, ct);
}
