using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>Counts a logged consultation (経営者との相談件数) in the KPI ledger, once.</summary>
internal sealed class ConsultationLoggedConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxBatchConsumer<ConsultationLogged>(database)
{
    protected override Task HandleAllAsync(DatabaseTransaction tx, IReadOnlyList<ConsultationLogged> messages, CancellationToken ct) =>
        KpiLedger.RecordAllAsync(tx, messages.Select(Fact).ToList(), clock.GetUtcNow(), ct);

    private static CountedFact Fact(ConsultationLogged message) =>
        new(CountedKinds.Consultation, message.ConsultationId, message.Program, message.Date,
            new CountedAttributes(message.MunicipalityCode, message.Industry, message.Coordinators is [var main, ..] ? main : null,
                Coordinators: message.Coordinators));
}
