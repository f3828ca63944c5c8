using System.Globalization;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Platform.Notifications;
using Matching.Programs.Accounts;

namespace Matching.Programs.Referrals;

/// <summary>Where the product is reached from outside (<c>Matching:Referrals:PublicAddress</c>): notices link to the referral there.</summary>
internal sealed record ReferralLinks(Uri? PublicAddress)
{
    public Uri? Of(string program, Guid referralId) => PublicAddress is { } address ? new Uri(address, $"p/{program}/referrals/{referralId}") : null;
}

/// <summary>
/// The coordinator who referred a need is told of the firm's answer (承諾, 辞退) or of its expiry (期限切れ), by e-mail to
/// the address they gave (通知先メールアドレス, which Programs keeps with the accounts) and in the program's chat rooms.
/// The referral's event and its answer may arrive in either order (a catch-up replays them by type): each consumer
/// records its half, and whichever completes the pair queues the notice, once.
/// </summary>
internal static class ReferralAnswerNotices
{
    internal const string ReferredSql = """
        UPDATE referral_notices SET referred_by = @referredBy, firm_name = @firmName, need_role = @needRole, referred_on = @referredOn
         WHERE referral_id = @referralId
        """;

    internal const string InsertReferredSql = """
        INSERT INTO referral_notices (referral_id, program, referred_by, firm_name, need_role, referred_on)
        VALUES (@referralId, @program, @referredBy, @firmName, @needRole, @referredOn)
        """;

    internal const string AnsweredSql = """
        UPDATE referral_notices SET answer = @answer, answer_reason = @reason, answered_at = @answeredAt
         WHERE referral_id = @referralId AND answer IS NULL
        """;

    internal const string InsertAnsweredSql = """
        INSERT INTO referral_notices (referral_id, program, answer, answer_reason, answered_at)
        VALUES (@referralId, @program, @answer, @reason, @answeredAt)
        """;

    internal const string PendingSql = """
        SELECT referral_id AS ReferralId, program AS Program, referred_by AS ReferredBy, firm_name AS FirmName, need_role AS NeedRole,
               referred_on AS ReferredOn, answer AS Answer, answer_reason AS AnswerReason
          FROM referral_notices
         WHERE referral_id = @referralId AND notified_at IS NULL AND answer IS NOT NULL AND firm_name IS NOT NULL
        """;

    internal const string NotifiedSql = "UPDATE referral_notices SET notified_at = @at WHERE referral_id = @referralId";

    internal sealed record Pending(Guid ReferralId, string Program, Guid? ReferredBy, string FirmName, string? NeedRole, DateOnly? ReferredOn,
        string Answer, string? AnswerReason);

    public static async Task ReferredAsync(DatabaseTransaction tx, NeedReferred message, StaffNotices notices, ReferralLinks links, DateTimeOffset now, CancellationToken ct)
    {
        var values = new
        {
            referralId = message.Referral.ReferralId, program = message.Program, referredBy = message.ReferredBy, firmName = message.FirmName,
            needRole = message.NeedRole, referredOn = message.ReferredOn,
        };
        if (await tx.ExecuteAsync(ReferredSql, values, ct) == 0)
            await tx.ExecuteAsync(InsertReferredSql, values, ct);
        await NotifyAsync(tx, message.Referral.ReferralId, notices, links, now, ct);
    }

    public static async Task AnsweredAsync(DatabaseTransaction tx, string program, Guid referralId, string answer, string? reason, DateTimeOffset answeredAt,
        StaffNotices notices, ReferralLinks links, DateTimeOffset now, CancellationToken ct)
    {
        var values = new { referralId, program, answer, reason, answeredAt };
        if (await tx.ExecuteAsync(AnsweredSql, values, ct) == 0
            && await tx.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM referral_notices WHERE referral_id = @referralId", new { referralId }, ct) == 0)
            await tx.ExecuteAsync(InsertAnsweredSql, values, ct);
        await NotifyAsync(tx, referralId, notices, links, now, ct);
    }

    private static async Task NotifyAsync(DatabaseTransaction tx, Guid referralId, StaffNotices notices, ReferralLinks links, DateTimeOffset now, CancellationToken ct)
    {
        if (await tx.QuerySingleOrDefaultAsync<Pending>(PendingSql, new { referralId }, ct) is not { } pending)
            return;
        var email = pending.ReferredBy is { } userId ? await AccountStore.NotificationAddressAsync(tx, userId, ct) : null;
        var (subject, body) = Compose(pending);
        await notices.QueueAsync(tx, pending.Program, email is null ? [] : [email], subject, body, links.Of(pending.Program, referralId),
            $"referral-answer:{referralId:N}", ct);
        await tx.ExecuteAsync(NotifiedSql, new { referralId, at = now }, ct);
    }

    /// <summary>The notice in Japanese, as a coordinator reads it among their mail.</summary>
    internal static (string Subject, string Body) Compose(Pending pending)
    {
        var role = pending.NeedRole ?? "人材ニーズ";
        var on = pending.ReferredOn is { } day ? day.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) + "の" : "";
        var (subject, what) = pending.Answer switch
        {
            "accepted" => ($"【取次の回答】{pending.FirmName}が承諾しました：{role}", $"{pending.FirmName}が、{on}取次を承諾しました。企業名が事業者に開示されました。"),
            "declined" => ($"【取次の回答】{pending.FirmName}が辞退しました：{role}", $"{pending.FirmName}が、{on}取次を辞退しました。"),
            _ => ($"【取次の期限切れ】{pending.FirmName}から回答がありませんでした：{role}", $"{pending.FirmName}から、{on}取次への回答が期限までにありませんでした。"),
        };
        var lines = new List<string> { what, "", $"職種: {role}", $"取次先: {pending.FirmName}" };
        if (pending.AnswerReason is { Length: > 0 } reason)
            lines.Add($"辞退の理由: {reason}");
        lines.Add("");
        lines.Add(pending.Answer == "accepted"
            ? "事業者からの候補者の紹介をお待ちください。"
            : "必要に応じて、別の登録事業者への取次をご検討ください。");
        return (subject, string.Join('\n', lines));
    }
}

internal sealed class ReferredNoticeConsumer(ServiceDatabase<ProgramsModule> database, StaffNotices notices, ReferralLinks links, TimeProvider clock)
    : InboxConsumer<NeedReferred>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, NeedReferred message, CancellationToken ct) =>
        ReferralAnswerNotices.ReferredAsync(tx, message, notices, links, clock.GetUtcNow(), ct);
}

internal sealed class AcceptedNoticeConsumer(ServiceDatabase<ProgramsModule> database, StaffNotices notices, ReferralLinks links, TimeProvider clock)
    : InboxConsumer<ReferralAccepted>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralAccepted message, CancellationToken ct) =>
        ReferralAnswerNotices.AnsweredAsync(tx, message.Program, message.Referral.ReferralId, "accepted", null, message.OccurredAt, notices, links, clock.GetUtcNow(), ct);
}

internal sealed class DeclinedNoticeConsumer(ServiceDatabase<ProgramsModule> database, StaffNotices notices, ReferralLinks links, TimeProvider clock)
    : InboxConsumer<ReferralDeclined>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralDeclined message, CancellationToken ct)
    {
        var label = ReferralDeclined.ReasonLabels.GetValueOrDefault(message.Reason, message.Reason);
        var reason = string.IsNullOrWhiteSpace(message.Text) ? label : $"{label}（{message.Text.Trim()}）";
        return ReferralAnswerNotices.AnsweredAsync(tx, message.Program, message.Referral.ReferralId, "declined", reason, message.OccurredAt, notices, links, clock.GetUtcNow(), ct);
    }
}

internal sealed class ExpiredNoticeConsumer(ServiceDatabase<ProgramsModule> database, StaffNotices notices, ReferralLinks links, TimeProvider clock)
    : InboxConsumer<ReferralExpired>(database)
{
    protected override Task HandleAsync(DatabaseTransaction tx, ReferralExpired message, CancellationToken ct) =>
        ReferralAnswerNotices.AnsweredAsync(tx, message.Program, message.Referral.ReferralId, "expired", null, message.OccurredAt, notices, links, clock.GetUtcNow(), ct);
}
