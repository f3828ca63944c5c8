using System.Text.Json;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Messaging;

namespace Matching.Candidates.Needs;

/// <summary>
/// The local copies of the companies and talent needs the matching reads (Companies owns them). A change older than the
/// copy changes nothing (by version); a change that arrives before the registration or the opening writes the row as it
/// is then, so any delivery order of a catch-up ends in the same copy.
/// </summary>
internal static class NeedCopy
{
    internal const string InsertCompanySql = """
        INSERT INTO companies (id, program, name, municipality_code, version)
        SELECT @id, @program, @name, @municipalityCode, @version
         WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = @id)
        """;

    internal const string UpdateCompanySql = """
        UPDATE companies SET name = @name, municipality_code = @municipalityCode, version = @version WHERE id = @id AND version < @version
        """;

    internal const string InsertNeedSql = """
        INSERT INTO needs (id, program, company_id, role, employment_form, status, municipality_code, terms, version)
        SELECT @id, @program, @companyId, @role, @employmentForm, @status, @municipalityCode, @terms, @version
         WHERE NOT EXISTS (SELECT 1 FROM needs WHERE id = @id)
        """;

    internal const string UpdateNeedSql = """
        UPDATE needs SET role = @role, employment_form = @employmentForm, status = @status, municipality_code = COALESCE(@municipalityCode, municipality_code),
                         terms = COALESCE(@terms, terms), version = @version
         WHERE id = @id AND version < @version
        """;

    internal static string? Terms(TalentNeedTerms? terms) => terms is null ? null : JsonSerializer.Serialize(terms, MatchingJson.Options);
}

internal sealed class CompanyRegisteredCopyConsumer(ServiceDatabase<CandidatesModule> database) : InboxConsumer<CompanyRegistered>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, CompanyRegistered message, CancellationToken ct) =>
        tx.ExecuteAsync(NeedCopy.InsertCompanySql, new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, municipalityCode = message.MunicipalityCode, version = 1,
        }, ct);
}

internal sealed class CompanyUpdatedCopyConsumer(ServiceDatabase<CandidatesModule> database) : InboxConsumer<CompanyUpdated>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, CompanyUpdated message, CancellationToken ct)
    {
        var parameters = new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, municipalityCode = message.MunicipalityCode, version = message.Version,
        };
        if (await tx.ExecuteAsync(NeedCopy.UpdateCompanySql, parameters, ct) == 0)
            await tx.ExecuteAsync(NeedCopy.InsertCompanySql, parameters, ct);
    }
}

internal sealed class NeedOpenedCopyConsumer(ServiceDatabase<CandidatesModule> database) : InboxConsumer<TalentNeedOpened>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, TalentNeedOpened message, CancellationToken ct) =>
        tx.ExecuteAsync(NeedCopy.InsertNeedSql, new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = "open", municipalityCode = message.MunicipalityCode, terms = NeedCopy.Terms(message.Terms), version = 1,
        }, ct);
}

internal sealed class NeedChangedCopyConsumer(ServiceDatabase<CandidatesModule> database) : InboxConsumer<TalentNeedChanged>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, TalentNeedChanged message, CancellationToken ct)
    {
        var parameters = new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = message.Status, municipalityCode = message.MunicipalityCode, terms = NeedCopy.Terms(message.Terms), version = message.Version,
        };
        if (await tx.ExecuteAsync(NeedCopy.UpdateNeedSql, parameters, ct) == 0)
            await tx.ExecuteAsync(NeedCopy.InsertNeedSql, parameters, ct);
    }
}
