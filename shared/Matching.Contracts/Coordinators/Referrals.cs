namespace Matching.Contracts.Coordinators;

/// <summary>
/// 取次 — a coordinator referred a talent need to a registered recruiting firm (登録民間人材ビジネス事業者). Programs counts
/// handoffs from it (民間人材ビジネス事業者への取次件数); the KPI breakdowns use the place, industry, employment form and firm.
/// </summary>
/// <param name="Deadline">The last day the firm may answer (business days of the program), after which the referral expires.</param>
/// <param name="Referral">Where the referral and its need stand now (<see cref="ReferralState"/>).</param>
/// <param name="Coordinator">The display name of the coordinator who referred it, as it was.</param>
/// <param name="ReferredBy">That coordinator's user id: Programs tells them of the firm's answer (null in events stored before it was added).</param>
/// <param name="NeedRole">The need's role (職種), for that notice.</param>
[PublishedBy("coordinators")]
public sealed record NeedReferred(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    DateOnly ReferredOn,
    DateOnly Deadline,
    Guid FirmId,
    string FirmName,
    string? MunicipalityCode,
    string? Industry,
    string EmploymentForm,
    string? Coordinator,
    ReferralState Referral,
    Guid? ReferredBy = null,
    string? NeedRole = null) : IIntegrationEvent;

/// <summary>
/// A referral and its need as they stand after a change: <see cref="OpenReferralsOfNeed"/> (sent or accepted) tells
/// Companies whether the need is 取次済; <see cref="NeedSequence"/> orders the changes of one need's referrals.
/// </summary>
public sealed record ReferralState(Guid ReferralId, Guid NeedId, Guid CompanyId, int OpenReferralsOfNeed, long NeedSequence);

/// <summary>The firm accepted a referral (承諾): the company is revealed to it.</summary>
[PublishedBy("coordinators")]
public sealed record ReferralAccepted(Guid EventId, string Program, DateTimeOffset OccurredAt, Guid FirmId, ReferralState Referral) : IIntegrationEvent;

/// <summary>The firm declined a referral (辞退), with a reason from the list (<see cref="ReasonLabels"/>) and its own words.</summary>
[PublishedBy("coordinators")]
public sealed record ReferralDeclined(
    Guid EventId, string Program, DateTimeOffset OccurredAt, Guid FirmId, string Reason, string? Text, ReferralState Referral) : IIntegrationEvent
{
    /// <summary>辞退の理由 by the name the event carries, in Japanese.</summary>
    public static readonly IReadOnlyDictionary<string, string> ReasonLabels = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["noCandidates"] = "紹介できる候補者がいない",
        ["outOfArea"] = "対応地域外",
        ["outOfField"] = "専門外の職種",
        ["noCapacity"] = "対応できる余力がない",
        ["termsMismatch"] = "条件（給与・雇用形態など）が合わない",
        ["other"] = "その他",
    };
}

/// <summary>The firm did not answer by the deadline (期限切れ).</summary>
[PublishedBy("coordinators")]
public sealed record ReferralExpired(Guid EventId, string Program, DateTimeOffset OccurredAt, Guid FirmId, ReferralState Referral) : IIntegrationEvent;

/// <summary>The coordinator withdrew a referral (取消).</summary>
[PublishedBy("coordinators")]
public sealed record ReferralWithdrawn(Guid EventId, string Program, DateTimeOffset OccurredAt, Guid FirmId, string? Reason, ReferralState Referral) : IIntegrationEvent;
