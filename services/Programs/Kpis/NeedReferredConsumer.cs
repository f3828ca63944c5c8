using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>
/// Counts a handoff (民間人材ビジネス事業者への取次件数) both ways, once each: one per referral (<c>handoff</c>), and one per need
/// however many firms it went to (<c>handoff-need</c>, keyed by the need, so a second firm does not count it again). A KPI
/// chooses the way its program counts.
/// </summary>
internal sealed class NeedReferredConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxConsumer<NeedReferred>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, NeedReferred message, CancellationToken ct)
    {
        var attributes = new CountedAttributes(message.MunicipalityCode, message.Industry, message.Coordinator, message.EmploymentForm, message.FirmName);
        return KpiLedger.RecordAllAsync(tx,
        [
            new CountedFact(CountedKinds.Handoff, message.Referral.ReferralId, message.Program, message.ReferredOn, attributes),
            new CountedFact(CountedKinds.HandoffNeed, message.Referral.NeedId, message.Program, message.ReferredOn, attributes),
        ], clock.GetUtcNow(), ct);
    }
}
