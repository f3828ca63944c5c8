namespace Matching.Contracts.Companies;

/// <summary>
/// A talent need was edited or moved to another status: open, referred (取次済), filled (充足), cancelled (取下げ).
/// Carries the need as it now is; <paramref name="Version"/> orders changes of one need.
/// </summary>
[PublishedBy("companies")]
public sealed record TalentNeedChanged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid NeedId,
    Guid CompanyId,
    int Version,
    string Role,
    string EmploymentForm,
    string Status,
    string? Reason,
    string? MunicipalityCode = null,
    TalentNeedTerms? Terms = null,
    int? Openings = null) : IIntegrationEvent;
