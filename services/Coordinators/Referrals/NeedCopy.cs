using System.Text.Json;
using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Http;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Referrals;

/// <summary>
/// The local copy of talent needs a referral shows a firm (Companies owns them). A change older than the copy changes
/// nothing (by version); a change that arrives before the opening writes the need as it is then.
/// </summary>
internal static class NeedCopy
{
    internal const string InsertSql = """
        INSERT INTO needs (id, program, company_id, role, employment_form, status, municipality_code, terms, opened_on, version, referral_sequence)
        SELECT @id, @program, @companyId, @role, @employmentForm, @status, @municipalityCode, @terms, @openedOn, @version, 0
         WHERE NOT EXISTS (SELECT 1 FROM needs WHERE id = @id)
        """;

    internal const string UpdateSql = """
        UPDATE needs SET role = @role, employment_form = @employmentForm, status = @status, municipality_code = COALESCE(@municipalityCode, municipality_code),
                         terms = COALESCE(@terms, terms), version = @version
         WHERE id = @id AND version < @version
        """;

    internal static string? Terms(TalentNeedTerms? terms) => terms is null ? null : JsonSerializer.Serialize(terms, MatchingJson.Options);
}

internal sealed class NeedOpenedCopyConsumer(ServiceDatabase<CoordinatorsModule> database) : InboxConsumer<TalentNeedOpened>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, TalentNeedOpened message, CancellationToken ct) =>
        tx.ExecuteAsync(NeedCopy.InsertSql, new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = "open", municipalityCode = message.MunicipalityCode, terms = NeedCopy.Terms(message.Terms), openedOn = message.OpenedOn, version = 1,
        }, ct);
}

internal sealed class NeedChangedCopyConsumer(ServiceDatabase<CoordinatorsModule> database) : InboxConsumer<TalentNeedChanged>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, TalentNeedChanged message, CancellationToken ct)
    {
        var parameters = new
        {
            id = message.NeedId, program = message.Program, companyId = message.CompanyId, role = message.Role, employmentForm = message.EmploymentForm,
            status = message.Status, municipalityCode = message.MunicipalityCode, terms = NeedCopy.Terms(message.Terms),
            openedOn = Matching.Contracts.JapanTime.DayOf(message.OccurredAt), version = message.Version,
        };
        if (await tx.ExecuteAsync(NeedCopy.UpdateSql, parameters, ct) == 0)
            await tx.ExecuteAsync(NeedCopy.InsertSql, parameters, ct);
    }
}
