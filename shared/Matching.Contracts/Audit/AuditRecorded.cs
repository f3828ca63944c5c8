namespace Matching.Contracts.Audit;

/// <summary>
/// A service recorded an entry in its audit log (a refusal, a read of personal data …). Every service publishes its
/// entries; Programs keeps the one audit log of the product from them, which operators and program offices read.
/// </summary>
/// <param name="Program">The program the entry belongs to, or empty for one outside programs (a refused operator route).</param>
/// <param name="Service">The service that recorded the entry.</param>
/// <param name="Outsider">The user was not a member of <paramref name="Program"/>: the program's office sees the entry without who it was.</param>
[PublishedBy("programs", "companies", "coordinators")]
public sealed record AuditRecorded(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    string Service,
    string Action,
    Guid? UserId,
    string? UserName,
    bool Outsider,
    string? Target,
    string? Detail,
    string? RemoteAddress) : IIntegrationEvent;
