namespace Matching.Contracts.Coordinators;

/// <summary>
/// A consultation logged by mistake was voided (取消) with a reason. It stays in the log, marked, and no longer counts.
/// May arrive before the <see cref="ConsultationLogged"/> it voids.
/// </summary>
[PublishedBy("coordinators")]
public sealed record ConsultationVoided(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid ConsultationId,
    Guid CompanyId,
    DateOnly Date,
    string Reason) : IIntegrationEvent;
