using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>Counts a talent need opened (人材ニーズの掘り起こし件数) once, on its day, with its place and employment form.</summary>
internal sealed class TalentNeedOpenedConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxConsumer<TalentNeedOpened>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, TalentNeedOpened message, CancellationToken ct) =>
        KpiLedger.RecordAsync(tx, CountedKinds.NeedOpened, message.NeedId, message.Program, message.OpenedOn, clock.GetUtcNow(), ct,
            new CountedAttributes(message.MunicipalityCode, null, null, message.EmploymentForm));
}
