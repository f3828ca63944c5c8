using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>Counts a logged consultation (経営者との相談件数) in the KPI ledger, once.</summary>
internal sealed class ConsultationLoggedConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxBatchConsumer<ConsultationLogged>(database)
{
    internal const string Sql = """
        INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at)
        SELECT @kind, @sourceId, @program, @occurredOn, @countedAt
         WHERE NOT EXISTS (SELECT 1 FROM counted_events WHERE kind = @kind AND source_id = @sourceId)
        """;

    protected override Task HandleAsync(DatabaseTransaction tx, ConsultationLogged message, CancellationToken ct) =>
        tx.ExecuteAsync(Sql, new
        {
            kind = CountedKinds.Consultation,
            sourceId = message.ConsultationId,
            program = message.Program,
            occurredOn = message.Date,
            countedAt = clock.GetUtcNow(),
        }, ct);
}
