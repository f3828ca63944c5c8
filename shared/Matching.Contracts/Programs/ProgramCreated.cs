namespace Matching.Contracts.Programs;

/// <summary>A program (プロフェッショナル人材センター, 地域の人事部 …) now exists; other services keep a local copy.</summary>
[PublishedBy("programs")]
public sealed record ProgramCreated(Guid EventId, string Program, DateTimeOffset OccurredAt, string Name) : IIntegrationEvent;
