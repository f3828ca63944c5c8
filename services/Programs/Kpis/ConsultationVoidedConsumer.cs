using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>
/// Stops counting a voided consultation. When the void arrives first, the row is written already voided, so the
/// late <see cref="ConsultationLogged"/> cannot count it.
/// </summary>
internal sealed class ConsultationVoidedConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<ConsultationVoided>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ConsultationVoided message, CancellationToken ct) =>
        KpiLedger.VoidAsync(tx, CountedKinds.Consultation, message.ConsultationId, message.Program, message.Date, message.OccurredAt, ct);
}
