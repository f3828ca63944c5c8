namespace Matching.Contracts.Coordinators;

/// <summary>経営者との相談 — a consultation with a company's manager was logged; counted by KPIs.</summary>
public sealed record ConsultationLogged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid ConsultationId,
    Guid CompanyId,
    DateOnly Date,
    string Channel) : IIntegrationEvent;
