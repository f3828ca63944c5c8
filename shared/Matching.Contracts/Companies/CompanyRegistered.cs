namespace Matching.Contracts.Companies;

/// <summary>A company became a client of the program. Carries what other services need to refer to it and to count it.</summary>
/// <param name="Industry">日本標準産業分類 大分類 (A–T), when known.</param>
[PublishedBy("companies")]
public sealed record CompanyRegistered(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CompanyId,
    string Name,
    string NameKana,
    string? CorporateNumber,
    string PrefectureCode,
    string MunicipalityCode,
    string? Industry = null) : IIntegrationEvent;
