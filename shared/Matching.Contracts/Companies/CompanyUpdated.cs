namespace Matching.Contracts.Companies;

/// <summary>A company's record was corrected; carries the same values as <see cref="CompanyRegistered"/>, as they now are.</summary>
/// <param name="Version">The record's version after the change: a consumer keeps the highest it has seen.</param>
[PublishedBy("companies")]
public sealed record CompanyUpdated(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CompanyId,
    int Version,
    string Name,
    string NameKana,
    string? CorporateNumber,
    string PrefectureCode,
    string MunicipalityCode,
    string? Industry) : IIntegrationEvent;
