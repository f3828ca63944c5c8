using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Placements.Copies;

/// <summary>
/// The local copy of referrals (取次, Coordinators owns them): a firm introduces candidates for a need only on its accepted
/// referral, and the coordinator who referred the need follows the hire. <c>sequence</c> (the need's referral sequence)
/// orders the changes, so a late one changes nothing; an answer that arrives before its referral writes the row as it is then.
/// </summary>
internal static class ReferralCopy
{
    internal const string InsertSql = """
        INSERT INTO referrals (id, program, need_id, company_id, firm_id, status, referred_by, coordinator, sequence)
        SELECT @id, @program, @needId, @companyId, @firmId, @status, @referredBy, @coordinator, @sequence
         WHERE NOT EXISTS (SELECT 1 FROM referrals WHERE id = @id)
        """;

    internal const string StatusSql = "UPDATE referrals SET status = @status, sequence = @sequence WHERE id = @id AND sequence < @sequence";

    internal const string ReferredBySql = """
        UPDATE referrals SET referred_by = COALESCE(referred_by, @referredBy), coordinator = COALESCE(coordinator, @coordinator) WHERE id = @id
        """;

    /// <summary>The accepted referral of a need to a firm, if any.</summary>
    internal const string AcceptedSql = """
        SELECT id AS Id, referred_by AS ReferredBy, coordinator AS Coordinator FROM referrals
         WHERE program = @program AND need_id = @needId AND firm_id = @firmId AND status = 'accepted'
        """;

    internal sealed class Accepted
    {
        public Guid Id { get; init; }

        public Guid? ReferredBy { get; init; }

        public string? Coordinator { get; init; }
    }

    public static async Task ChangedAsync(DatabaseTransaction tx, string program, Guid firmId, ReferralState state, string status, CancellationToken ct,
        Guid? referredBy = null, string? coordinator = null)
    {
        var row = new
        {
            id = state.ReferralId, program, needId = state.NeedId, companyId = state.CompanyId, firmId, status, referredBy, coordinator,
            sequence = state.NeedSequence,
        };
        if (await tx.ExecuteAsync(StatusSql, row, ct) == 0)
            await tx.ExecuteAsync(InsertSql, row, ct);
        if (referredBy is not null || coordinator is not null)
            await tx.ExecuteAsync(ReferredBySql, row, ct);
    }
}

internal sealed class NeedReferredCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<NeedReferred>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, NeedReferred message, CancellationToken ct) =>
        ReferralCopy.ChangedAsync(tx, message.Program, message.FirmId, message.Referral, "sent", ct, message.ReferredBy, message.Coordinator);
}

internal sealed class ReferralAcceptedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ReferralAccepted>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralAccepted message, CancellationToken ct) =>
        ReferralCopy.ChangedAsync(tx, message.Program, message.FirmId, message.Referral, "accepted", ct);
}

internal sealed class ReferralDeclinedCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ReferralDeclined>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralDeclined message, CancellationToken ct) =>
        ReferralCopy.ChangedAsync(tx, message.Program, message.FirmId, message.Referral, "declined", ct);
}

internal sealed class ReferralExpiredCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ReferralExpired>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralExpired message, CancellationToken ct) =>
        ReferralCopy.ChangedAsync(tx, message.Program, message.FirmId, message.Referral, "expired", ct);
}

internal sealed class ReferralWithdrawnCopyConsumer(ServiceDatabase<PlacementsModule> database) : InboxConsumer<ReferralWithdrawn>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralWithdrawn message, CancellationToken ct) =>
        ReferralCopy.ChangedAsync(tx, message.Program, message.FirmId, message.Referral, "withdrawn", ct);
}
