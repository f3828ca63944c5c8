using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Companies.Needs;

/// <summary>Keeps the local copy of consultations a talent need can be opened from: which company of which program each is of.</summary>
internal sealed class ConsultationLoggedConsumer(ServiceDatabase<CompaniesModule> database)
    : InboxConsumer<ConsultationLogged>(database)
{
    internal const string Sql = """
        INSERT INTO consultations (id, program, company_id)
        SELECT @id, @program, @companyId
         WHERE NOT EXISTS (SELECT 1 FROM consultations WHERE id = @id)
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, ConsultationLogged message, CancellationToken ct) =>
        tx.ExecuteAsync(Sql, new { id = message.ConsultationId, program = message.Program, companyId = message.CompanyId }, ct);
}
