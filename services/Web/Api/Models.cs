namespace Matching.Web.Api;

// The shapes of the API's answers as the UI reads them (the UI owns its copies: it never references a service).

public sealed record ProgramInfo(string Slug, string Name, DateTimeOffset CreatedAt);

public sealed record ListPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
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
    IReadOnlyList<ConsultationRevision>? Revisions);

public sealed record ConsultationRevision(
    int Version, IReadOnlyList<string> Coordinators, string Channel, IReadOnlyList<string> Issues, string? OtherIssue, string? Notes,
    string? NextAction, DateOnly? NextActionDate, bool NeedIdentified, DateTimeOffset ReplacedAt, string ReplacedBy);

public sealed record ConsultationCount(string Program, int FiscalYear, string FiscalYearName, DateOnly From, DateOnly AsOf, long Count);

public sealed record DuplicateCandidate(Company Company, string Reason);

public sealed record ProgressLine(string Kind, int FromFiscalYear, int ToFiscalYear, string Label, decimal? Target, decimal? Actual, decimal? Progress, string ProgressText);

public sealed record MonthCount(int Year, int Month, long Count);

public sealed record KpiProgress(string Code, string Name, string? NameEn, string Unit, string Direction, string Source,
    decimal? Baseline, string? BaselineLabel, IReadOnlyList<ProgressLine> Lines, IReadOnlyList<MonthCount>? Months);

public sealed record Publication(DateTimeOffset LockedAt, string LockedBy);

public sealed record Correction(string Code, string Label, decimal? PublishedActual, decimal? Actual, string PublishedProgressText, string ProgressText);

public sealed record ProgressReport(string Program, int FiscalYear, string FiscalYearName, DateOnly AsOf, IReadOnlyList<KpiProgress> Kpis,
    Publication? Published, IReadOnlyList<Correction>? AfterPublication);
