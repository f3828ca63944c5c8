using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Placements.Copies;

/// <summary>
/// The local copy of the program's companies (Companies owns them): the prefecture a hire is judged from (道外・県外), the
/// place and industry the KPI breakdowns use, the name the due list shows. A late or repeated change changes nothing.
/// </summary>
internal static class CompanyCopy
{
    internal const string InsertSql = """
        INSERT INTO companies (id, program, name, prefecture_code, municipality_code, industry, version)
        SELECT @id, @program, @name, @prefectureCode, @municipalityCode, @industry, @version
         WHERE NOT EXISTS (SELECT 1 FROM companies WHERE id = @id)
        """;

    internal const string UpdateSql = """
        UPDATE companies SET name = @name, prefecture_code = @prefectureCode, municipality_code = @municipalityCode, industry = @industry,
                             version = @version
         WHERE id = @id AND version < @version
        """;
}

internal sealed class CompanyRegisteredCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CompanyRegistered>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, CompanyRegistered message, CancellationToken ct) =>
        tx.ExecuteAsync(CompanyCopy.InsertSql, new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, prefectureCode = message.PrefectureCode,
            municipalityCode = message.MunicipalityCode, industry = message.Industry, version = 1,
        }, ct);
}

internal sealed class CompanyUpdatedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<CompanyUpdated>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, CompanyUpdated message, CancellationToken ct)
    {
        var row = new
        {
            id = message.CompanyId, program = message.Program, name = message.Name, prefectureCode = message.PrefectureCode,
            municipalityCode = message.MunicipalityCode, industry = message.Industry, version = message.Version,
        };
        if (await tx.ExecuteAsync(CompanyCopy.UpdateSql, row, ct) == 0)
            await tx.ExecuteAsync(CompanyCopy.InsertSql, row, ct);
    }
}

/// <summary>The local copy of talent needs: what an introduction is for, and how many openings its placements fill.</summary>
internal static class NeedCopy
{
    internal const string InsertSql = """
        INSERT INTO needs (id, program, company_id, role, employment_form, status, municipality_code, openings, version, placement_sequence)
        SELECT @id, @program, @companyId, @role, @employmentForm, @status, @municipalityCode, @openings, @version, 0
         WHERE NOT EXISTS (SELECT 1 FROM needs WHERE id = @id)
        """;

    internal const string UpdateSql = """
        UPDATE needs SET role = @role, employment_form = @employmentForm, status = @status, municipality_code = COALESCE(@municipalityCode, municipality_code),
                         openings = @openings, version = @version
         WHERE id = @id AND version < @version
        """;
}

internal sealed class NeedOpenedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<TalentNeedOpened>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, TalentNeedOpened message, CancellationToken ct) =>
        tx.ExecuteAsync(NeedCopy.InsertSql, new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = "open", municipalityCode = message.MunicipalityCode, openings = message.Openings ?? 1, version = 1,
        }, ct);
}

internal sealed class NeedChangedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<TalentNeedChanged>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, TalentNeedChanged message, CancellationToken ct)
    {
        var row = new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = message.Status, municipalityCode = message.MunicipalityCode, openings = message.Openings ?? 1, version = message.Version,
        };
        if (await tx.ExecuteAsync(NeedCopy.UpdateSql, row, ct) == 0)
            await tx.ExecuteAsync(NeedCopy.InsertSql, row, ct);
    }
}
