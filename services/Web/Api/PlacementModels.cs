namespace Matching.Web.Api;

// The Placements service's answers as the UI reads them.

public sealed record Introduction(
    Guid Id, Guid NeedId, string? NeedRole, Guid CompanyId, string? CompanyName, Guid CandidateId, Guid? FirmId, string? FirmName,
    string Stage, string StageName, DateOnly StageOn, string? Reason, string? ReasonLabel, DateOnly IntroducedOn, string? CoordinatorName,
    DateTimeOffset ChangedAt, int Version, Guid? PlacementId);

public sealed record IntroductionStep(
    int Version, string Stage, string StageName, DateOnly On, string? Reason, string? ReasonLabel, string? Note, DateTimeOffset? InterviewAt,
    string? Attendees, DateTimeOffset At, string? By);

public sealed record IntroductionDetails(Introduction Introduction, IReadOnlyList<IntroductionStep> History, PlacementDetails? Placement, IReadOnlyList<string> NextStages);

public sealed record Placement(
    Guid Id, Guid IntroductionId, Guid NeedId, string? NeedRole, Guid CompanyId, string? CompanyName, Guid CandidateId, Guid? FirmId, string? FirmName,
    DateOnly OfferAcceptedOn, DateOnly StartOn, DateOnly CountedOn, int FiscalYear, string CountingRule, string EmploymentForm, long? AnnualPayYen,
    long? FeeYen, bool FromOutsidePrefecture, string ResidencePrefectureCode, string ResidencePrefectureName, string? HometownPrefectureCode,
    string? Turn, string? CoordinatorName, string Status, DateOnly? CancelledOn, string? CancelReason, DateOnly? EndedOn, string? EndReason,
    string? EndReasonLabel, string? EndNote, long? RefundYen, DateOnly? Retained6On, DateOnly? Retained12On, DateTimeOffset MadeAt, string? MadeBy,
    int Version);

public sealed record PlacementFollowUp(
    Guid Id, int Month, DateOnly DueOn, string Status, bool Overdue, string? CoordinatorName, DateOnly? ContactedOn, string? Channel,
    bool? ContactedCompany, string? CompanyContact, bool? ContactedPerson, int? Satisfaction, string? Issues, bool? StillEmployed, string? Note,
    DateTimeOffset? RecordedAt, string? RecordedBy);

public sealed record RefundBand(int WithinMonths, int RefundPercent);

public sealed record FeeTerm(string Kind, int? ShareBasisPoints, long? FixedYen, IReadOnlyList<RefundBand> RefundBands);

public sealed record Grant(Guid Id, string Kind, string KindLabel, string Status, string StatusLabel, long? AmountYen, DateOnly? AppliedOn, DateOnly? PaidOn,
    string? Note, DateTimeOffset ChangedAt, string? ChangedBy);

public sealed record PlacementDetails(Placement Placement, IReadOnlyList<PlacementFollowUp> FollowUps, IReadOnlyList<Grant> Grants, FeeTerm? FeeTerms);

public sealed record DueFollowUp(
    Guid Id, Guid PlacementId, Guid IntroductionId, Guid CandidateId, Guid CompanyId, string? CompanyName, string? NeedRole, int Month, DateOnly DueOn,
    bool Overdue, string Status, Guid? CoordinatorUserId, string? CoordinatorName, DateOnly StartOn, DateOnly? ContactedOn, bool? StillEmployed,
    int? Satisfaction);

public sealed record DueFollowUps(DateOnly Today, DateOnly Through, IReadOnlyList<DueFollowUp> Overdue, IReadOnlyList<DueFollowUp> ThisWeek);

public sealed record StageSetting(string Code, string Name, bool Used, bool Optional);

public sealed record CountingRuleView(DateOnly EffectiveFrom, string Rule, DateTimeOffset ChangedAt, string? ChangedBy);

public sealed record PlacementSettingsView(IReadOnlyList<StageSetting> Stages, IReadOnlyList<int> FollowUpMonths, string CountingRule, IReadOnlyList<CountingRuleView> CountingRules);

public sealed record FirmFeeTerms(
    Guid FirmId, string FirmName, string FirmStatus, string? Kind, decimal? SharePercent, long? FixedYen, IReadOnlyList<RefundBand> RefundBands,
    DateTimeOffset? ChangedAt, string? ChangedBy);

public sealed record CandidateName(Guid Id, string FullName, string NameKana);
