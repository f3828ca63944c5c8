namespace Matching.Web.Api;

// The shapes of the API's answers as the UI reads them (the UI owns its copies: it never references a service).

public sealed record ProgramInfo(string Slug, string Name, DateTimeOffset CreatedAt);

public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    /// <summary>A search that stopped counting at <see cref="Total"/> (company search: too many matches to sort by name).</summary>
    public bool TotalIsAtLeast { get; init; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record Company(
    Guid Id, string Name, string NameKana, string? CorporateNumber, string PrefectureCode, string MunicipalityCode,
    string? PostalCode, string? Address, string? Industry, int? Employees, long? CapitalYen,
    string? ContactName, string? ContactTitle, string? ContactPhone, string? ContactEmail,
    string? MemberTier, long? AnnualFeeYen, DateOnly? MemberSince,
    DateTimeOffset RegisteredAt, DateTimeOffset? UpdatedAt, int Version);

public sealed record Created(Guid Id);

public sealed record Consultation(
    Guid Id, Guid CompanyId, DateOnly Date, IReadOnlyList<string> Coordinators, string Channel, IReadOnlyList<string> Issues,
    string? OtherIssue, string? Notes, string? NextAction, DateOnly? NextActionDate, bool NeedIdentified,
    DateTimeOffset LoggedAt, DateTimeOffset? CorrectedAt, int Version, DateTimeOffset? VoidedAt, string? VoidReason,
    IReadOnlyList<ConsultationRevision>? Revisions)
{
    public string? CompanyName { get; init; }

    /// <summary>担当コーディネーター in order (main first): the account where known, the name as it was.</summary>
    public IReadOnlyList<ConsultationPerson>? Staff { get; init; }
}

public sealed record ConsultationPerson(Guid? UserId, string Name);

/// <summary>A coordinator of the program, as Coordinators knows them (main, sub, assistant).</summary>
public sealed record StaffMember(Guid UserId, string DisplayName, string? Level);

public sealed record ConsultationRevision(
    int Version, IReadOnlyList<string> Coordinators, string Channel, IReadOnlyList<string> Issues, string? OtherIssue, string? Notes,
    string? NextAction, DateOnly? NextActionDate, bool NeedIdentified, DateTimeOffset ReplacedAt, string ReplacedBy);

public sealed record ConsultationCount(string Program, int FiscalYear, string FiscalYearName, DateOnly From, DateOnly AsOf, long Count);

public sealed record DuplicateCandidate(Company Company, string Reason);

public sealed record ProgressLine(string Kind, int FromFiscalYear, int ToFiscalYear, string Label, decimal? Target, decimal? Actual, decimal? Progress, string ProgressText);

public sealed record MonthCount(int Year, int Month, long Count);

public sealed record KpiProgress(string Code, string Name, string? NameEn, string Unit, string Direction, string Source,
    decimal? Baseline, string? BaselineLabel, IReadOnlyList<ProgressLine> Lines, IReadOnlyList<MonthCount>? Months)
{
    public string? CountedKind { get; init; }

    public CountedFilter? Filter { get; init; }
}

public sealed record CountedFilter(string? MunicipalityCode, string? PrefectureCode, string? Industry, string? Coordinator, string? EmploymentForm);

/// <summary>A KPI as the office defined it: the plan's row with its baseline and targets.</summary>
public sealed record KpiDefinitionView(string Code, string Name, string? NameEn, string Unit, string Direction, string Source, string? CountedKind,
    decimal? Baseline, string? BaselineLabel, IReadOnlyList<KpiTargetView> Targets, CountedFilter? Filter);

/// <summary>A target: one fiscal year (<see cref="FiscalYear"/>) or, cumulative, a span of them.</summary>
public sealed record KpiTargetView(string Kind, int? FiscalYear, int? FromFiscalYear, int? ToFiscalYear, decimal? Value)
{
    public int From => FiscalYear ?? FromFiscalYear ?? 0;

    public int To => FiscalYear ?? ToFiscalYear ?? 0;
}

/// <summary>A value entered by hand (an actual or a reference) for a fiscal year, with who entered it and when.</summary>
public sealed record KpiEntry(long Id, string Code, string Kind, int FiscalYear, decimal Value, string? Note, string EnteredBy, DateTimeOffset EnteredAt, Guid? EnteredById = null);

public sealed record Publication(DateTimeOffset LockedAt, string LockedBy);

public sealed record Correction(string Code, string Label, decimal? PublishedActual, decimal? Actual, string PublishedProgressText, string ProgressText)
{
    /// <summary>The line's target (absent from answers before it was added: the label is used then).</summary>
    public string? Kind { get; init; }

    public int FromFiscalYear { get; init; }

    public int ToFiscalYear { get; init; }
}

public sealed record ProgressReport(string Program, int FiscalYear, string FiscalYearName, DateOnly AsOf, IReadOnlyList<KpiProgress> Kpis,
    Publication? Published, IReadOnlyList<Correction>? AfterPublication);

public sealed record Need(
    Guid Id, Guid CompanyId, string CompanyName, Guid? ConsultationId, string Role, string? Description, string? RequiredSkills,
    string? PreferredSkills, string EmploymentForm, string? PayUnit, long? PayMinYen, long? PayMaxYen, string? MunicipalityCode,
    string Remote, string Urgency, string Status, string? StatusReason, DateOnly OpenedOn, DateTimeOffset OpenedAt,
    DateTimeOffset? ChangedAt, int Version)
{
    /// <summary>募集人数 (1 for needs read from an older answer).</summary>
    public int Openings { get; init; } = 1;
}

public sealed record ImportColumn(int Index, string Header, string? Field, IReadOnlyList<string> Samples);

public sealed record ImportFieldView(string Key, string Label, bool Required);

public sealed record ImportError(int Line, string? Field, string Message);

public sealed record ImportCounts(int Registered, int Updated, int Skipped);

public sealed record ImportCheckView(int ErrorCount, IReadOnlyList<ImportError> Errors, ImportCounts Counts, IReadOnlyList<ImportError>? Warnings = null);

public sealed record ImportProgress(int Done, int Total);

public sealed record ImportView(
    Guid Id, string Kind, string FileName, string Format, string Encoding, string Status, int Rows,
    IReadOnlyList<ImportColumn> Columns, IReadOnlyList<ImportFieldView> Fields, ImportCheckView? Check, ImportCounts? Outcome,
    ImportProgress? Progress, string? Message, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, int Version);

/// <param name="AsMain">By coordinator: of the count, the consultations where they were the main coordinator.</param>
public sealed record BreakdownRow(string? Key, string Label, long Count, long? AsMain = null);

/// <param name="CountedKind">What the KPI counts (the axes its facts carry); <paramref name="Filtered"/>: only some of them.</param>
public sealed record Breakdown(string Code, string Name, int FiscalYear, string FiscalYearName, DateOnly AsOf, string By, long Total, IReadOnlyList<BreakdownRow> Rows,
    string? CountedKind = null, bool Filtered = false);

public sealed record Seminar(Guid Id, DateOnly Date, string Kind, string Title, string? Place, int Participants, string? Notes, DateTimeOffset HeldAt)
{
    public IReadOnlyList<Guid> CompanyIds { get; init; } = [];
}

public sealed record NeedTerms(string? Description, string? RequiredSkills, string? PreferredSkills, string? PayUnit, long? PayMinYen, long? PayMaxYen, string Remote, string Urgency);

/// <summary>取次 as the API answers it to its reader (a firm sees the company only once it accepted an anonymised referral).</summary>
public sealed record Referral(
    Guid Id, Guid NeedId, Guid FirmId, string FirmName, string Status, bool Anonymised, Guid? CompanyId, string? CompanyName,
    string? Industry, string? IndustryName, string? MunicipalityCode, string Role, string EmploymentForm, NeedTerms? Terms,
    string? Message, DateTimeOffset ReferredAt, string ReferredBy, DateOnly Deadline, int BusinessDaysLeft, DateTimeOffset? AnsweredAt,
    string? AnsweredBy, string? DeclineReason, string? DeclineText, string? WithdrawReason, DateTimeOffset ChangedAt, int Version);

public sealed record FirmSuggestion(Guid FirmId, string Name, int Score, IReadOnlyList<string> Reasons, bool AlreadyReferred);

public sealed record FirmContact(string? Name, string? Email, string? Phone);

public sealed record Firm(
    Guid Id, string Name, string NameKana, string? CorporateNumber, string? LicenceNumber, string? HeadOffice,
    IReadOnlyList<string> Areas, IReadOnlyList<string> Industries, IReadOnlyList<string> Specialties, IReadOnlyList<FirmContact> Contacts,
    string Status, DateOnly StatusOn, string? StatusReason, string? FeeRule, string? Rules, string? Note, int Version, int RegistrationVersion);

public sealed record FirmFigure(Guid FirmId, string Name, int Referrals, int Accepted, int Declined, int Expired, int Withdrawn, int Open, decimal? AcceptanceRate, decimal? MedianHoursToAnswer);

public sealed record WebhookSubscription(string Url, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? Secret, DateTimeOffset? OlderSecretsUntil);

public sealed record WebhookDelivery(
    string DeliveryId, string EventType, string OrderingKey, string Status, int Attempts,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError, DateTimeOffset? FinishedAt);

/// <summary>A user as the operators' screens show it (<c>GET /api/users</c>).</summary>
public sealed record UserAccount(
    Guid Id, string UserName, string DisplayName, bool IsAdmin, IReadOnlyList<Matching.Platform.Auth.Membership> Memberships,
    string? Email, bool Disabled, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);

/// <summary>A firm of a program's registry as Programs knows it (<c>GET /api/programs/{program}/recruiting-firms</c>).</summary>
public sealed record RecruitingFirmEntry(string FirmId, string Name, string Status);

/// <summary>An entry of the audit log (<c>GET /api/audit</c>, <c>GET /api/programs/{program}/audit</c>).</summary>
public sealed record AuditLogEntry(long Id, DateTimeOffset OccurredAt, string? Service, string? Program, Guid? UserId, string? UserName,
    bool Outsider, string Action, string? Target, string? Detail, string? RemoteAddress);

public sealed record SkillRef(string Code, string Name);

public sealed record CareerEntry(string? Company, string? Role, int? FromYear, int? ToYear);

public sealed record CandidateItem(
    Guid Id, string Name, string NameKana, string PrefectureCode, string PrefectureName, string? MunicipalityCode, string Status,
    IReadOnlyList<string> EmploymentForms, IReadOnlyList<SkillRef> Skills, DateTimeOffset RegisteredAt, int Version);

public sealed record CandidateConsent(
    Guid Id, string Purpose, string Recipient, Guid? FirmId, string? FirmName, string TextVersion, string Method, DateTimeOffset GivenAt,
    DateTimeOffset RecordedAt, string? RecordedBy, DateTimeOffset? WithdrawnAt, string? WithdrawalReason, string? WithdrawnBy)
{
    public bool Active => WithdrawnAt is null;
}

public sealed record CandidateRevision(int Version, DateTimeOffset ReplacedAt, string? ReplacedBy);

public sealed record Candidate(
    Guid Id, string Name, string NameKana, string? Email, string? Phone, string PrefectureCode, string PrefectureName, string? MunicipalityCode,
    string? HometownPrefectureCode, int? BirthYear, string? CareerSummary, IReadOnlyList<CareerEntry> Career, IReadOnlyList<SkillRef> Skills,
    IReadOnlyList<string> Tags, IReadOnlyList<string> Languages, IReadOnlyList<string> Licences, IReadOnlyList<string> EmploymentForms,
    IReadOnlyList<string> DesiredAreas, string Remote, int? SideJobHoursPerWeek, string? DesiredPayUnit, long? DesiredPayYen, DateOnly? AvailableFrom,
    string Status, DateTimeOffset RegisteredAt, string? RegisteredBy, int Version, IReadOnlyList<CandidateConsent> Consents,
    IReadOnlyList<CandidateRevision> Revisions, IReadOnlyList<MergedRegistration>? MergedFrom = null);

/// <summary>A candidate as a recruiting firm sees it: every personal field null while <see cref="Anonymised"/>.</summary>
public sealed record SharedCandidate(
    Guid Id, bool Anonymised, string? Name, string? NameKana, string? Email, string? Phone, string PrefectureCode, string PrefectureName,
    string? MunicipalityCode, string? HometownPrefectureCode, int? BirthYear, int? BirthDecade, string? CareerSummary, IReadOnlyList<CareerEntry> Career,
    IReadOnlyList<SkillRef> Skills, IReadOnlyList<string> Tags, IReadOnlyList<string> Languages, IReadOnlyList<string> Licences,
    IReadOnlyList<string> EmploymentForms, IReadOnlyList<string> DesiredAreas, string Remote, int? SideJobHoursPerWeek, string? DesiredPayUnit,
    long? DesiredPayYen, DateOnly? AvailableFrom, string Status);

public sealed record SharedCandidateItem(
    Guid Id, string PrefectureCode, string PrefectureName, int? BirthDecade, IReadOnlyList<string> EmploymentForms, IReadOnlyList<SkillRef> Skills,
    string Remote, DateOnly? AvailableFrom, bool Covered);

public sealed record Provision(
    Guid Id, DateTimeOffset ProvidedAt, Guid FirmId, string FirmName, Guid CandidateId, string? CandidateName, IReadOnlyList<string> Items,
    Guid ConsentId, string Channel, string? UserName);

public sealed record Erased(Guid Id, DateOnly ErasedOn);

public sealed record MatchReason(string Kind, string Text, int Points);

public sealed record CandidateMatch(Guid CandidateId, string Name, string NameKana, string PrefectureName, int Score, IReadOnlyList<MatchReason> Reasons);

public sealed record CandidateMatches(IReadOnlyList<CandidateMatch> Items, int Considered, IReadOnlyList<string> UnknownTerms);

public sealed record ConsentText(string Version, string Body);

public sealed record PossibleDuplicate(
    Guid Id, string Name, string NameKana, string PrefectureName, int? BirthYear, DateTimeOffset RegisteredAt, Guid? SourceFirmId, IReadOnlyList<string> MatchedOn);

public sealed record MergedRegistration(Guid Id, DateTimeOffset RegisteredAt, Guid? SourceFirmId, DateTimeOffset MergedAt, string? MergedBy);

public sealed record ShortlistEntry(
    Guid CandidateId, string Name, string NameKana, string PrefectureName, string Status, string? Note, DateTimeOffset AddedAt, string? AddedBy);

public sealed record Shortlist(Guid NeedId, IReadOnlyList<ShortlistEntry> Items);

public sealed record NeedSummary(Guid Id, Guid CompanyId, string? CompanyName, string Role, string EmploymentForm, string Status);

public sealed record FittingNeed(NeedSummary Need, int Score, IReadOnlyList<MatchReason> Reasons);

public sealed record FittingNeeds(Guid CandidateId, bool Eligible, IReadOnlyList<FittingNeed> Items);

public sealed record MatchWeights(int RequiredSkills, int PreferredSkills, int EmploymentForm, int Area, int Remote, int UTurn, int Availability, int Pay);

public sealed record MatchWeightsSetting(MatchWeights Weights, MatchWeights Defaults, int Version, DateTimeOffset? ChangedAt, string? ChangedBy);

/// <summary>保有個人データの開示: the person's record as the office gives it to them.</summary>
public sealed record Disclosure(DateTimeOffset PreparedAt, Candidate Profile, IReadOnlyList<Provision> Provisions);

/// <summary>保存期間: the program's retention period for candidates (null: off) and the law's for records of provisions.</summary>
public sealed record RetentionSetting(int? CandidateYears, int ProvisionYears, int Version, DateTimeOffset? ChangedAt, string? ChangedBy);
