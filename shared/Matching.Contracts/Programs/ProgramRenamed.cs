namespace Matching.Contracts.Programs;

/// <summary>A program has a new name (its slug, and so every record and link, stays); the services' copies take it.</summary>
[PublishedBy("programs")]
public sealed record ProgramRenamed(Guid EventId, string Program, DateTimeOffset OccurredAt, string Name) : IIntegrationEvent;
