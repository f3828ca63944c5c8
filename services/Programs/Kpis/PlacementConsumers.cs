using Matching.Contracts.Placements;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Programs.Kpis;

/// <summary>What a placement's facts are broken down by: place, industry, employment form, the firm (or the center), the turn.</summary>
internal static class PlacementAttributes
{
    /// <summary>The firm breakdown's key for an introduction or placement the center made from its own data bank.</summary>
    public const string Center = "センターによる紹介";

    public static CountedAttributes Of(string? municipality, string? industry, string employmentForm, string? firm, string? turn) =>
        new(municipality, industry, null, employmentForm, firm ?? Center, Turn: turn);
}

/// <summary>Counts an introduction (紹介件数) once, on its day.</summary>
internal sealed class CandidateIntroducedConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock) : InboxConsumer<CandidateIntroduced>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, CandidateIntroduced message, CancellationToken ct) =>
        KpiLedger.RecordAsync(tx, CountedKinds.Introduction, message.IntroductionId, message.Program, message.IntroducedOn, clock.GetUtcNow(), ct,
            PlacementAttributes.Of(message.MunicipalityCode, message.Industry, message.EmploymentForm, message.FirmName, null));
}

/// <summary>
/// Counts a placement (成約・就職) on the day the counting rule named, and, when the person lived outside the company's
/// prefecture at hire, as a hire from outside (道外・県外からの就職) too. A cancel that came first keeps both out.
/// </summary>
internal sealed class PlacementMadeConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock) : InboxConsumer<PlacementMade>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, PlacementMade message, CancellationToken ct)
    {
        var attributes = PlacementAttributes.Of(message.MunicipalityCode, message.Industry, message.EmploymentForm, message.FirmName,
            message.FromOutsidePrefecture ? message.Turn : "local");
        List<CountedFact> facts = [new(CountedKinds.Placement, message.PlacementId, message.Program, message.CountedOn, attributes)];
        if (message.FromOutsidePrefecture)
            facts.Add(new(CountedKinds.PlacementFromOutsidePrefecture, message.PlacementId, message.Program, message.CountedOn, attributes));
        return KpiLedger.RecordAllAsync(tx, facts, clock.GetUtcNow(), ct);
    }
}

/// <summary>A cancelled placement leaves every count it was in, once, whether the cancel arrives after the placement or before it.</summary>
internal sealed class PlacementCancelledConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<PlacementCancelled>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, PlacementCancelled message, CancellationToken ct)
    {
        foreach (var kind in new[] { CountedKinds.Placement, CountedKinds.PlacementFromOutsidePrefecture })
            await KpiLedger.VoidAsync(tx, kind, message.PlacementId, message.Program, message.CountedOn, message.OccurredAt, ct);
    }
}

/// <summary>Counts a retention mark (定着 6・12 か月) on the day it was reached.</summary>
internal sealed class RetentionReachedConsumer(ServiceDatabase<ProgramsModule> database, TimeProvider clock) : InboxConsumer<RetentionReached>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, RetentionReached message, CancellationToken ct) =>
        message.Months is not (6 or 12)
            ? Task.CompletedTask
            : KpiLedger.RecordAsync(tx, message.Months == 6 ? CountedKinds.Retained6Months : CountedKinds.Retained12Months, message.PlacementId,
                message.Program, message.ReachedOn, clock.GetUtcNow(), ct,
                PlacementAttributes.Of(message.MunicipalityCode, message.Industry, message.EmploymentForm, null, message.Turn) with { Firm = null });
}

/// <summary>A leaving recorded late takes back the retention marks the person had not in fact reached.</summary>
internal sealed class EmploymentEndedConsumer(ServiceDatabase<ProgramsModule> database) : InboxConsumer<EmploymentEnded>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, EmploymentEnded message, CancellationToken ct)
    {
        foreach (var months in message.LostRetentionMonths.Where(m => m is 6 or 12))
            await KpiLedger.VoidAsync(tx, months == 6 ? CountedKinds.Retained6Months : CountedKinds.Retained12Months, message.PlacementId, message.Program,
                message.StartOn.AddMonths(months), message.OccurredAt, ct);
    }
}
