using Matching.Contracts.Companies;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>Counts a newly registered company (新規参加企業数) in the KPI ledger, once, on its registration date in Japan.</summary>
internal sealed class CompanyRegisteredConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock)
    : InboxBatchConsumer<CompanyRegistered>(database)
{
    protected override Task HandleAllAsync(DatabaseTransaction tx, IReadOnlyList<CompanyRegistered> messages, CancellationToken ct) =>
        KpiLedger.RecordAllAsync(tx, messages.Select(Fact).ToList(), clock.GetUtcNow(), ct);

    private static CountedFact Fact(CompanyRegistered message) =>
        new(CountedKinds.CompanyRegistered, message.CompanyId, message.Program,
            Matching.Contracts.JapanTime.DayOf(message.OccurredAt),
            new CountedAttributes(message.MunicipalityCode, message.Industry, null));
}
