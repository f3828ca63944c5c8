namespace Matching.Contracts.Companies;

/// <summary>
/// 人材ニーズ — a company's need for a professional was opened, from a consultation (<paramref name="ConsultationId"/>) or on its own.
/// <paramref name="EmploymentForm"/> is one of fullTime (正社員), contract (契約), sideJob (副業・兼業), secondment (出向・在籍型出向),
/// outsourcing (業務委託): the breakdowns of KPIs use it. <paramref name="Openings"/> (募集人数, 1 when absent) is how many
/// placements fill it.
/// </summary>
[PublishedBy("companies")]
public sealed record TalentNeedOpened(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CompanyId,
    Guid? ConsultationId,
    DateOnly OpenedOn,
    string Role,
    string EmploymentForm,
    string? MunicipalityCode,
    TalentNeedTerms? Terms = null,
    int? Openings = null) : IIntegrationEvent;
