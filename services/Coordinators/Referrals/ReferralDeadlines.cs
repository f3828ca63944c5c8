using Matching.Contracts;
using Matching.Contracts.Coordinators;
using Matching.Coordinators.Recruiters;
using Matching.Platform.Data;
using Matching.Platform.Hosting;
using Microsoft.Extensions.Logging;

namespace Matching.Coordinators.Referrals;

/// <summary>
/// 回答期限 — expires referrals nobody answered by their deadline (a day in the database, counted in business days when
/// the referral was sent), one transaction each with its <see cref="ReferralExpired"/> event. Replicas may sweep at once:
/// the conditional update lets one of them expire each referral.
/// </summary>
internal sealed class ReferralDeadlines(
    ServiceDatabase<CoordinatorsModule> database, ReferralOptions options, TimeProvider clock, ILogger<ReferralDeadlines> logger)
    : PeriodicSweep(clock, logger)
{
    protected override TimeSpan Interval => options.SweepInterval;

    protected override string Purpose => "expiring referrals past their deadline";

    internal const string DueSql = """
        SELECT id AS Id, program AS Program, need_id AS NeedId, company_id AS CompanyId, firm_id AS FirmId
          FROM referrals WHERE status = 'sent' AND deadline < @today
        """;

    internal const string ExpireSql = """
        UPDATE referrals SET status = 'expired', changed_at = @at, version = version + 1 WHERE id = @id AND status = 'sent'
        """;

    private sealed record Due(Guid Id, string Program, Guid NeedId, Guid CompanyId, Guid FirmId);

    /// <summary>Expires every referral whose deadline has passed; returns how many.</summary>
    public override async Task<int> SweepAsync(CancellationToken ct)
    {
        var due = await database.QueryAsync<Due>(DueSql, new { today = FirmEndpoints.Today(Clock) }, ct);
        var expired = 0;
        foreach (var referral in due)
        {
            await using var tx = await database.BeginAsync(ct);
            var at = Clock.GetUtcNow();
            if (await tx.ExecuteAsync(ExpireSql, new { id = referral.Id, at }, ct) == 0)
                continue;
            var state = await ReferralStore.StateAsync(tx, referral.Id, referral.NeedId, referral.CompanyId, ct);
            await tx.Outbox.AddAsync(new ReferralExpired(EventIds.New(), referral.Program, at, referral.FirmId, state), ct);
            await ReferralNotices.ChangedAsync(tx, referral.Program, referral.Id, "expired", options, FirmEndpoints.Today(Clock), at, ct);
            await tx.CommitAsync(ct);
            expired++;
        }
        return expired;
    }
}
