namespace Matching.Contracts.Companies;

/// <summary>A company became a client of the program. Carries what other services need to refer to it.</summary>
public sealed record CompanyRegistered(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CompanyId,
    string Name,
    string NameKana,
    string? CorporateNumber,
    string PrefectureCode,
    string MunicipalityCode) : IIntegrationEvent;
