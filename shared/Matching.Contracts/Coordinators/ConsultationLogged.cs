namespace Matching.Contracts.Coordinators;

/// <summary>
/// 経営者との相談 — a consultation with a company's manager was logged; counted by KPIs, and broken down by the
/// coordinators who held it and the company's municipality and industry (JSIC division) as they were at the time.
/// </summary>
[PublishedBy("coordinators")]
public sealed record ConsultationLogged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid ConsultationId,
    Guid CompanyId,
    DateOnly Date,
    string Channel,
    IReadOnlyList<string>? Coordinators = null,
    string? MunicipalityCode = null,
    string? Industry = null) : IIntegrationEvent;
