namespace Matching.Contracts.Placements;

/// <summary>
/// 紹介 — a candidate was introduced for a talent need: by a registered firm (<paramref name="FirmId"/>, on its accepted
/// referral) or by the center itself from its talent data bank (no firm). Programs counts introductions.
/// No personal data: the candidate travels by id only.
/// </summary>
[PublishedBy("placements")]
public sealed record CandidateIntroduced(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid IntroductionId,
    Guid NeedId,
    Guid CompanyId,
    Guid CandidateId,
    Guid? FirmId,
    string? FirmName,
    DateOnly IntroducedOn,
    string EmploymentForm,
    string? MunicipalityCode,
    string? Industry) : IIntegrationEvent;

/// <summary>
/// An introduction moved to another stage (選考状況): screening, interview, offer, offerAccepted, placed, or ended as
/// rejected / withdrawn / declined with a reason. <paramref name="Version"/> orders the changes of one introduction.
/// </summary>
[PublishedBy("placements")]
public sealed record IntroductionStageChanged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid IntroductionId,
    Guid NeedId,
    Guid CompanyId,
    Guid? FirmId,
    int Version,
    string Stage,
    DateOnly On,
    string? Reason) : IIntegrationEvent;

/// <summary>
/// 成約 — a placement was made on an accepted offer. <paramref name="CountedOn"/> is the day it counts on by the program's
/// counting rule (the accepted offer, 内定承諾, or the start, 入社), and the fiscal year follows it.
/// <paramref name="FromOutsidePrefecture"/> (道外・県外) was decided by the candidate's residence at the time of hire and is
/// never changed by a later move; <paramref name="Turn"/> is <see cref="HireTurn"/>'s name (u, i, j) or null for a local hire
/// or an unknown hometown. <paramref name="PlacementsOfNeed"/> (not cancelled) tells Companies whether the need is filled;
/// <paramref name="NeedSequence"/> orders the changes of one need's placements.
/// </summary>
[PublishedBy("placements")]
public sealed record PlacementMade(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid PlacementId,
    Guid IntroductionId,
    Guid NeedId,
    Guid CompanyId,
    Guid CandidateId,
    Guid? FirmId,
    string? FirmName,
    DateOnly OfferAcceptedOn,
    DateOnly StartOn,
    DateOnly CountedOn,
    int FiscalYear,
    string CountingRule,
    string EmploymentForm,
    long? AnnualPayYen,
    bool FromOutsidePrefecture,
    string? ResidencePrefectureCode,
    string? Turn,
    string? MunicipalityCode,
    string? Industry,
    int PlacementsOfNeed,
    long NeedSequence) : IIntegrationEvent;

/// <summary>
/// A placement was cancelled before the start date (内定辞退・取消): it leaves every count it was in. Carries what a consumer
/// needs when the cancel arrives before the placement.
/// </summary>
[PublishedBy("placements")]
public sealed record PlacementCancelled(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid PlacementId,
    Guid NeedId,
    Guid CompanyId,
    DateOnly CountedOn,
    string? Reason,
    int PlacementsOfNeed,
    long NeedSequence) : IIntegrationEvent;

/// <summary>
/// The placed person reached a retention mark (定着): still employed <paramref name="Months"/> months (6 or 12) after the
/// start, on <paramref name="ReachedOn"/>. Published by the service's daily sweep, once per mark.
/// </summary>
[PublishedBy("placements")]
public sealed record RetentionReached(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid PlacementId,
    int Months,
    DateOnly ReachedOn,
    Guid? FirmId,
    string EmploymentForm,
    string? Turn,
    string? MunicipalityCode,
    string? Industry) : IIntegrationEvent;

/// <summary>
/// アフターフォロー — a scheduled check-in of a placement was recorded: who was contacted, how, satisfaction (1–5), and
/// whether the person is still employed. No personal data.
/// </summary>
[PublishedBy("placements")]
public sealed record FollowUpRecorded(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid FollowUpId,
    Guid PlacementId,
    int Month,
    DateOnly ContactedOn,
    bool StillEmployed,
    int? Satisfaction) : IIntegrationEvent;

/// <summary>
/// A follow-up is overdue: its due day passed and nobody recorded it. Programs tells the responsible coordinator
/// (<paramref name="CoordinatorUserId"/>) by the notification channel they chose.
/// </summary>
[PublishedBy("placements")]
public sealed record FollowUpOverdue(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid FollowUpId,
    Guid PlacementId,
    Guid? CoordinatorUserId,
    int Month,
    DateOnly DueOn,
    string CompanyName,
    string Role) : IIntegrationEvent;

/// <summary>
/// 離職 — the placed person left on <paramref name="EndedOn"/>. <paramref name="LostRetentionMonths"/> are the retention
/// marks a late record takes back (the person had left before the mark the sweep already counted).
/// <paramref name="RefundYen"/> is the firm's refund (返戻金) by its terms, when the placement had a fee.
/// </summary>
[PublishedBy("placements")]
public sealed record EmploymentEnded(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid PlacementId,
    DateOnly StartOn,
    DateOnly EndedOn,
    string Reason,
    IReadOnlyList<int> LostRetentionMonths,
    long? RefundYen) : IIntegrationEvent;

/// <summary>
/// U・I・Jターン of a hire from outside the company's prefecture, from the candidate's hometown (出身都道府県):
/// U — back to the hometown prefecture; J — to a prefecture of the hometown's region (地方区分) other than the hometown;
/// I — to a region not the hometown's. A hire living in the company's prefecture already is no turn, and a hire whose
/// hometown is unknown has none either.
/// </summary>
public enum HireTurn
{
    U,
    I,
    J,
}

/// <summary>Where a hire came from, decided once at the time of hire.</summary>
public sealed record HireOrigin(bool FromOutsidePrefecture, HireTurn? Turn)
{
    /// <summary>地方区分 of each prefecture (01–47): 北海道, 東北, 関東, 中部, 近畿, 中国, 四国, 九州・沖縄.</summary>
    private static readonly int[] Region =
    [
        -1,
        0,
        1, 1, 1, 1, 1, 1,
        2, 2, 2, 2, 2, 2, 2,
        3, 3, 3, 3, 3, 3, 3, 3, 3,
        4, 4, 4, 4, 4, 4, 4,
        5, 5, 5, 5, 5,
        6, 6, 6, 6,
        7, 7, 7, 7, 7, 7, 7, 7,
    ];

    public static readonly IReadOnlyList<string> RegionNames = ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"];

    /// <summary>The 地方区分 (0 北海道 … 7 九州・沖縄) of a prefecture.</summary>
    public static int RegionOf(PrefectureCode prefecture) => Region[prefecture.Number];

    /// <summary>The origin of a hire by a company in <paramref name="company"/> of a person living in <paramref name="residence"/>.</summary>
    public static HireOrigin Of(PrefectureCode company, PrefectureCode residence, PrefectureCode? hometown)
    {
        if (residence == company)
            return new HireOrigin(false, null);
        HireTurn? turn = hometown switch
        {
            null => null,
            { } h when h == company => HireTurn.U,
            { } h when RegionOf(h) == RegionOf(company) => HireTurn.J,
            _ => HireTurn.I,
        };
        return new HireOrigin(true, turn);
    }

    /// <summary>The turn's name as events carry it (u, i, j), or null.</summary>
    public string? TurnName => Turn?.ToString().ToLowerInvariant();
}
