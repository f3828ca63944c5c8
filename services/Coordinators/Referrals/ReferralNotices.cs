using System.Globalization;
using Matching.Contracts;
using Matching.Coordinators.Recruiters;
using Matching.Platform.Data;
using Matching.Platform.Notifications;
using Matching.Platform.Webhooks;

namespace Matching.Coordinators.Referrals;

/// <summary>
/// What a firm is told of its referrals, in the transaction of the change: an e-mail to each contact when a referral
/// arrives (once per contact, whatever the retries), and a webhook delivery to the firm's own system for every change,
/// ordered per referral (<c>referral.sent</c>, <c>.accepted</c>, <c>.declined</c>, <c>.expired</c>, <c>.withdrawn</c>).
/// </summary>
internal static class ReferralNotices
{
    internal const string ContactsSql = "SELECT contacts FROM firms WHERE id = @firmId";

    /// <summary>The referral as the firm sees it, to its webhook; returns that view.</summary>
    public static async Task<ReferralView> ChangedAsync(DatabaseTransaction tx, string program, Guid referralId, string change, ReferralOptions options, DateOnly today, DateTimeOffset now, CancellationToken ct) =>
        await ChangedAsync(tx, program, (await ReferralStore.GetAsync(tx, program, referralId, ct))!, change, options, today, now, ct);

    private static async Task<ReferralView> ChangedAsync(DatabaseTransaction tx, string program, ReferralStore.Row row, string change, ReferralOptions options, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var view = row.ToView(true, options.Calendar(), today);
        await WebhookDeliveries.EnqueueAsync(tx, program, row.FirmId.ToString("D"), $"referral.{change}", row.Id.ToString("D"), view, now, ct);
        return view;
    }

    /// <summary>A new referral: the firm's contacts get an e-mail in Japanese with the deadline and a link to it.</summary>
    public static async Task SentAsync(DatabaseTransaction tx, string program, Guid referralId, ReferralOptions options, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var row = (await ReferralStore.GetAsync(tx, program, referralId, ct))!;
        await ChangedAsync(tx, program, row, "sent", options, today, now, ct);
        var contacts = System.Text.Json.JsonSerializer.Deserialize<List<FirmContact>>(
            await tx.ExecuteScalarAsync<string>(ContactsSql, new { firmId = row.FirmId }, ct) ?? "[]", Platform.Http.MatchingJson.Options) ?? [];
        var place = row.MunicipalityCode is { } code && MunicipalityCode.TryParse(code, out var m) ? $"{m.Prefecture.Name}（{code}）" : "地域未設定";
        var industry = row.Industry is { } i && IndustryDivision.TryParse(i, out var d) ? d.Name : "業種未設定";
        var link = options.PublicAddress is { } address ? new Uri(address, $"p/{program}/referrals/{referralId}") : null;
        var subject = $"【取次のご依頼】{row.Role}（{industry}・{place}）";
        var body = string.Join('\n',
            $"{row.FirmName} ご担当者様",
            "",
            "プロフェッショナル人材の取次をお送りします。内容をご確認のうえ、回答期限までに承諾または辞退をご回答ください。",
            "",
            $"職種: {row.Role}",
            $"業種: {industry}",
            $"勤務地: {place}",
            $"雇用形態: {row.EmploymentForm}",
            $"回答期限: {row.Deadline.ToString("yyyy年M月d日", CultureInfo.InvariantCulture)}（土日祝日・年末年始を除く {options.AnswerWithinBusinessDays} 営業日）",
            row.Anonymised ? "企業名は、承諾いただいた後に表示されます。" : $"企業名: {row.CompanyName}",
            row.Message is { } message ? $"\nコーディネーターより:\n{message}" : "");
        foreach (var email in contacts.Select(c => c.Email).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase))
            await tx.QueueNotificationAsync(new Notification(program, "email", email, subject, body, link, $"referral-sent:{referralId:N}:{email.ToLowerInvariant()}"), ct);
    }
}
