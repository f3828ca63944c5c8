using Matching.Contracts.Candidates;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>
/// Counts a registration in the talent data bank (人材データバンク登録者数) once, on its day, by the residence prefecture and the
/// first desired employment form (the candidate's main wish: a candidate counts once however many forms it would take).
/// </summary>
internal sealed class CandidateRegisteredConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxConsumer<CandidateRegistered>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, CandidateRegistered message, CancellationToken ct) =>
        KpiLedger.RecordAsync(tx, CountedKinds.CandidateRegistered, message.CandidateId, message.Program, message.RegisteredOn, clock.GetUtcNow(), ct,
            new CountedAttributes(null, null, null, message.EmploymentForms.Count > 0 ? message.EmploymentForms[0] : null, PrefectureCode: message.PrefectureCode));
}
