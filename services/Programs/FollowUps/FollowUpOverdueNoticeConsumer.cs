using System.Globalization;
using Matching.Contracts.Placements;
using Matching.Platform.Data;
using Matching.Platform.Messaging;
using Matching.Platform.Notifications;
using Matching.Programs.Accounts;
using Matching.Programs.Referrals;

namespace Matching.Programs.FollowUps;

/// <summary>
/// An overdue follow-up (アフターフォロー) reaches the coordinator who follows the hire: by e-mail to their notification
/// address and in the program's chat rooms, once per follow-up whatever the redeliveries.
/// </summary>
internal sealed class FollowUpOverdueNoticeConsumer(ServiceDatabase<ProgramsModule> database, StaffNotices notices, ReferralLinks links)
    : InboxConsumer<FollowUpOverdue>(database)
{
    protected override async Task HandleAsync(DatabaseTransaction tx, FollowUpOverdue message, CancellationToken ct)
    {
        var email = message.CoordinatorUserId is { } userId ? await AccountStore.NotificationAddressAsync(tx, userId, ct) : null;
        var (subject, body) = Compose(message);
        var link = links.PublicAddress is { } address ? new Uri(address, $"p/{message.Program}/placements/{message.PlacementId}") : null;
        await notices.QueueAsync(tx, message.Program, email is null ? [] : [email], subject, body, link, $"follow-up-overdue:{message.FollowUpId:N}", ct);
    }

    internal static (string Subject, string Body) Compose(FollowUpOverdue message)
    {
        var company = message.CompanyName.Length > 0 ? message.CompanyName : "企業";
        var subject = $"【フォロー期限超過】{company}・{message.Role}（{message.Month}か月）";
        var body = string.Join('\n',
            $"{company}に就職した方の {message.Month} か月フォローが、予定日（{message.DueOn.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}）を過ぎても記録されていません。",
            "",
            $"企業: {company}",
            $"職種: {message.Role}",
            "",
            "企業とご本人に連絡し、フォローの結果を記録してください。");
        return (subject, body);
    }
}
