namespace Matching.Contracts.Coordinators;

/// <summary>
/// A recruiting firm's registration with a program (登録民間人材ビジネス事業者) as it stands after a change: registered,
/// renamed, suspended, withdrawn. Services that decide what a firm may see keep a copy. <paramref name="FirmVersion"/>
/// orders changes of the firm itself (its name, shared by every program it registered with), and
/// <paramref name="RegistrationVersion"/> changes of its registration with this program, so a late event changes nothing.
/// </summary>
/// <param name="Status">applied, registered, suspended or withdrawn.</param>
[PublishedBy("coordinators")]
public sealed record FirmRegistrationChanged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid FirmId,
    string Name,
    string Status,
    int FirmVersion,
    int RegistrationVersion) : IIntegrationEvent;
