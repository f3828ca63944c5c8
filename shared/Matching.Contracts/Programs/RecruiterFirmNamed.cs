namespace Matching.Contracts.Programs;

/// <summary>
/// A recruiter user's membership names a firm the program's registry does not have (a membership from before the
/// registry, or a name an operator typed). Coordinators enters a firm of that name as applied (申請中), for the office to
/// complete; its <see cref="Coordinators.FirmRegistrationChanged"/> then links the membership to it.
/// </summary>
[PublishedBy("programs")]
public sealed record RecruiterFirmNamed(Guid EventId, string Program, DateTimeOffset OccurredAt, string FirmName) : IIntegrationEvent;
