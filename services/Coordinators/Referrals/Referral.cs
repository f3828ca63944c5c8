using System.Text.Json;
using Matching.Contracts.Companies;
using Matching.Contracts.Coordinators;
using Matching.Platform.Data;
using Matching.Platform.Http;

namespace Matching.Coordinators.Referrals;

/// <summary>Where a referral (取次) stands: sent (回答待ち), accepted (承諾), declined (辞退), expired (期限切れ), withdrawn (取消).</summary>
internal enum ReferralStatus
{
    Sent,
    Accepted,
    Declined,
    Expired,
    Withdrawn,
}

/// <summary>辞退の理由.</summary>
internal enum DeclineReason
{
    /// <summary>紹介できる候補者がいない</summary>
    NoCandidates,

    /// <summary>対応地域外</summary>
    OutOfArea,

    /// <summary>専門外の職種</summary>
    OutOfField,

    /// <summary>対応できる余力がない</summary>
    NoCapacity,

    /// <summary>条件（給与・雇用形態など）が合わない</summary>
    TermsMismatch,

    /// <summary>その他</summary>
    Other,
}

/// <summary>
/// A referral as its reader may see it. A firm sees the company only once it has accepted, or when the coordinator
/// referred the need named; until then <see cref="CompanyId"/> and <see cref="CompanyName"/> are null and the need is
/// described by industry, place, role, pay and employment form.
/// </summary>
internal sealed record ReferralView(
    Guid Id, Guid NeedId, Guid FirmId, string FirmName, string Status, bool Anonymised, Guid? CompanyId, string? CompanyName,
    string? Industry, string? IndustryName, string? MunicipalityCode, string Role, string EmploymentForm, TalentNeedTerms? Terms,
    string? Message, DateTimeOffset ReferredAt, string ReferredBy, DateOnly Deadline, int BusinessDaysLeft, DateTimeOffset? AnsweredAt,
    string? AnsweredBy, string? DeclineReason, string? DeclineText, string? WithdrawReason, DateTimeOffset ChangedAt, int Version);

internal static class ReferralStore
{
    internal const string SelectSql = """
        SELECT r.id AS Id, r.need_id AS NeedId, r.firm_id AS FirmId, f.name AS FirmName, r.status AS Status, r.anonymised AS Anonymised,
               r.company_id AS CompanyId, c.name AS CompanyName, c.industry AS Industry, COALESCE(n.municipality_code, c.municipality_code) AS MunicipalityCode,
               n.role AS Role, n.employment_form AS EmploymentForm, n.terms AS Terms, r.message AS Message, r.referred_at AS ReferredAt,
               r.referred_by AS ReferredBy, r.deadline AS Deadline, r.answered_at AS AnsweredAt, r.answered_by AS AnsweredBy,
               r.decline_reason AS DeclineReason, r.decline_text AS DeclineText, r.withdraw_reason AS WithdrawReason, r.revealed_at AS RevealedAt,
               r.changed_at AS ChangedAt, r.version AS Version
          FROM referrals r
          JOIN firms f ON f.id = r.firm_id
          JOIN needs n ON n.id = r.need_id
          LEFT JOIN companies c ON c.id = r.company_id
         WHERE r.program = @program
        """;

    internal sealed class Row
    {
        public Guid Id { get; init; }
        public Guid NeedId { get; init; }
        public Guid FirmId { get; init; }
        public string FirmName { get; init; } = "";
        public string Status { get; init; } = "";
        public bool Anonymised { get; init; }
        public Guid CompanyId { get; init; }
        public string? CompanyName { get; init; }
        public string? Industry { get; init; }
        public string? MunicipalityCode { get; init; }
        public string Role { get; init; } = "";
        public string EmploymentForm { get; init; } = "";
        public string? Terms { get; init; }
        public string? Message { get; init; }
        public DateTimeOffset ReferredAt { get; init; }
        public string ReferredBy { get; init; } = "";
        public DateOnly Deadline { get; init; }
        public DateTimeOffset? AnsweredAt { get; init; }
        public string? AnsweredBy { get; init; }
        public string? DeclineReason { get; init; }
        public string? DeclineText { get; init; }
        public string? WithdrawReason { get; init; }
        public DateTimeOffset? RevealedAt { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public int Version { get; init; }

        /// <summary>Whether the reader may know the company: staff always; the firm once accepted, or when referred named.</summary>
        public bool CompanyVisibleTo(bool firm) => !firm || !Anonymised || Status == "accepted" || RevealedAt is not null;

        public ReferralView ToView(bool firm, Platform.Notifications.BusinessCalendar calendar, DateOnly today)
        {
            var visible = CompanyVisibleTo(firm);
            var industry = Industry is not null && Contracts.IndustryDivision.TryParse(Industry, out var division) ? division : (Contracts.IndustryDivision?)null;
            return new ReferralView(Id, NeedId, FirmId, FirmName, Status, Anonymised, visible ? CompanyId : null, visible ? CompanyName : null,
                Industry, industry is { } d ? (LocalizedText.IsEnglish ? d.EnglishName : d.Name) : null, MunicipalityCode, Role, EmploymentForm,
                Terms is null ? null : JsonSerializer.Deserialize<TalentNeedTerms>(Terms, MatchingJson.Options), Message, ReferredAt,
                firm ? "" : ReferredBy, Deadline, Status == "sent" ? calendar.BusinessDaysBetween(today, Deadline) : 0, AnsweredAt, firm ? null : AnsweredBy,
                DeclineReason, DeclineText, WithdrawReason, ChangedAt, Version);
        }
    }

    public static async Task<Row?> GetAsync(DatabaseTransaction tx, string program, Guid id, CancellationToken ct) =>
        await tx.QuerySingleOrDefaultAsync<Row>(SelectSql + " AND r.id = @id", new { program, id }, ct);

    public static async Task<Row?> GetAsync(ServiceDatabase database, string program, Guid id, CancellationToken ct) =>
        await database.QuerySingleOrDefaultAsync<Row>(SelectSql + " AND r.id = @id", new { program, id }, ct);

    internal const string OpenOfNeedSql = "SELECT COUNT(*) FROM referrals WHERE need_id = @needId AND status IN ('sent', 'accepted')";

    internal const string NextSequenceSql = "UPDATE needs SET referral_sequence = referral_sequence + 1 WHERE id = @needId";

    internal const string SequenceSql = "SELECT referral_sequence FROM needs WHERE id = @needId";

    /// <summary>The state of a referral and its need after a change in this transaction, for the change's event.</summary>
    public static async Task<ReferralState> StateAsync(DatabaseTransaction tx, Guid referralId, Guid needId, Guid companyId, CancellationToken ct)
    {
        await tx.ExecuteAsync(NextSequenceSql, new { needId }, ct);
        var open = await tx.ExecuteScalarAsync<int>(OpenOfNeedSql, new { needId }, ct);
        var sequence = await tx.ExecuteScalarAsync<long>(SequenceSql, new { needId }, ct);
        return new ReferralState(referralId, needId, companyId, open, sequence);
    }

    internal static string Name<TEnum>(TEnum value) where TEnum : struct, Enum =>
        MatchingJson.Options.PropertyNamingPolicy!.ConvertName(value.ToString());
}
