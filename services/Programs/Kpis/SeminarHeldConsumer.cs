using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>Counts a seminar or event held (セミナー開催数) in the KPI ledger, once, on the day it was held.</summary>
internal sealed class SeminarHeldConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxConsumer<SeminarHeld>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, SeminarHeld message, CancellationToken ct) =>
        KpiLedger.RecordAsync(tx, CountedKinds.SeminarHeld, message.SeminarId, message.Program, message.Date, clock.GetUtcNow(), ct);
}
