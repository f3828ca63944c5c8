using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>
/// Stops counting a voided consultation. When the void arrives first, the row is written already voided, so the
/// late <see cref="ConsultationLogged"/> (insert-if-absent) cannot count it.
/// </summary>
internal sealed class ConsultationVoidedConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<ConsultationVoided>(database)
{
    internal const string VoidSql = """
        UPDATE counted_events SET voided_at = @voidedAt
         WHERE kind = @kind AND source_id = @sourceId AND voided_at IS NULL
        """;

    internal const string InsertVoidedSql = """
        INSERT INTO counted_events (kind, source_id, program, occurred_on, counted_at, voided_at)
        SELECT @kind, @sourceId, @program, @occurredOn, @voidedAt, @voidedAt
         WHERE NOT EXISTS (SELECT 1 FROM counted_events WHERE kind = @kind AND source_id = @sourceId)
        """;

    protected override async Task HandleAsync(DatabaseTransaction tx, ConsultationVoided message, CancellationToken ct)
    {
        var parameters = new
        {
            kind = CountedKinds.Consultation,
            sourceId = message.ConsultationId,
            program = message.Program,
            occurredOn = message.Date,
            voidedAt = message.OccurredAt,
        };
        await tx.ExecuteAsync(VoidSql, parameters, ct);
        await tx.ExecuteAsync(InsertVoidedSql, parameters, ct);
    }
}
