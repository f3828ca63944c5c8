namespace Matching.Contracts.Coordinators;

/// <summary>
/// A firm's entry in a program's registry (登録民間人材ビジネス事業者名簿) was made or changed: its name or its registration
/// status. Programs keeps the names, so a recruiter user's membership refers to a firm of the registry, not to free text.
/// </summary>
/// <param name="Status">applied, registered, suspended or withdrawn.</param>
/// <param name="Version">Grows with every change of the firm or of its registration: a consumer keeps the highest.</param>
[PublishedBy("coordinators")]
public sealed record RecruitingFirmChanged(
    Guid EventId, string Program, DateTimeOffset OccurredAt, Guid FirmId, string Name, string Status, long Version) : IIntegrationEvent;
