using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Coordinators.Consultations;

/// <summary>
/// A need opened from a consultation marks that consultation as one a talent need came out of: only a consultation of
/// the need's own company and program (Companies checks it too, against its copy of the consultations).
/// </summary>
internal sealed class TalentNeedOpenedConsumer(ServiceDatabase<CoordinatorsModule> database)
    : InboxConsumer<TalentNeedOpened>(database)
{
    private const string Sql = """
        UPDATE consultations SET need_identified = 1
         WHERE program = @program AND id = @consultationId AND company_id = @companyId AND need_identified = 0
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, TalentNeedOpened message, CancellationToken ct) =>
        message.ConsultationId is { } consultationId
            ? tx.ExecuteAsync(Sql, new { program = message.Program, consultationId, companyId = message.CompanyId }, ct)
            : Task.CompletedTask;
}
