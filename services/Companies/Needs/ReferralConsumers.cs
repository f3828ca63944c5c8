using Matching.Contracts;
using Matching.Contracts.Companies;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;

namespace Matching.Companies.Needs;

/// <summary>
/// A need's status follows its referrals instead of being set by hand: 取次済 (referred) while one is sent or accepted,
/// 募集中 (open) again when all were declined, expired or withdrawn. A filled or cancelled need keeps its status. The
/// referral sequence orders the changes of one need, so a late, older change is ignored; a change publishes
/// <see cref="TalentNeedChanged"/> like an edit.
/// </summary>
internal static class NeedReferrals
{
    internal const string ApplySql = """
        UPDATE talent_needs
           SET status = @status, referral_sequence = @sequence, changed_at = @at, version = version + 1
         WHERE program = @program AND id = @needId AND referral_sequence < @sequence AND status IN ('open', 'referred') AND status <> @status
        """;

    internal const string SequenceOnlySql = """
        UPDATE talent_needs SET referral_sequence = @sequence WHERE program = @program AND id = @needId AND referral_sequence < @sequence
        """;

    public static async Task ApplyAsync(DatabaseTransaction tx, string program, ReferralState state, DateTimeOffset at, CancellationToken ct)
    {
        var parameters = new { program, needId = state.NeedId, sequence = state.NeedSequence, status = state.OpenReferralsOfNeed > 0 ? "referred" : "open", at };
        if (await tx.ExecuteAsync(ApplySql, parameters, ct) == 0)
        {
            await tx.ExecuteAsync(SequenceOnlySql, parameters, ct);
            return;
        }
        var need = (await tx.QuerySingleOrDefaultAsync<GetNeed.Response>(GetNeed.Sql, new { program, id = state.NeedId }, ct))!;
        await tx.Outbox.AddAsync(new TalentNeedChanged(
            EventIds.New(), program, at, need.Id, need.CompanyId, need.Version, need.Role, need.EmploymentForm, need.Status, null, need.MunicipalityCode,
            new TalentNeedTerms(need.Description, need.RequiredSkills, need.PreferredSkills, need.PayUnit, need.PayMinYen, need.PayMaxYen, need.Remote, need.Urgency),
            need.Openings), ct);
    }
}

internal sealed class NeedReferredConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<NeedReferred>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, NeedReferred message, CancellationToken ct) =>
        NeedReferrals.ApplyAsync(tx, message.Program, message.Referral, message.OccurredAt, ct);
}

internal sealed class ReferralAcceptedConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<ReferralAccepted>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralAccepted message, CancellationToken ct) =>
        NeedReferrals.ApplyAsync(tx, message.Program, message.Referral, message.OccurredAt, ct);
}

internal sealed class ReferralDeclinedConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<ReferralDeclined>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralDeclined message, CancellationToken ct) =>
        NeedReferrals.ApplyAsync(tx, message.Program, message.Referral, message.OccurredAt, ct);
}

internal sealed class ReferralExpiredConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<ReferralExpired>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralExpired message, CancellationToken ct) =>
        NeedReferrals.ApplyAsync(tx, message.Program, message.Referral, message.OccurredAt, ct);
}

internal sealed class ReferralWithdrawnConsumer(ServiceDatabase<CompaniesModule> database) : InboxConsumer<ReferralWithdrawn>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralWithdrawn message, CancellationToken ct) =>
        NeedReferrals.ApplyAsync(tx, message.Program, message.Referral, message.OccurredAt, ct);
}
