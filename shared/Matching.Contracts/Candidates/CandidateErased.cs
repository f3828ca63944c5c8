namespace Matching.Contracts.Candidates;

/// <summary>
/// 消去 — a candidate's personal data was erased from the talent data bank (on the person's request, or when the program's
/// retention period ended). Every service that keeps a copy of anything about the person deletes or anonymises it; counts
/// of what happened (registrations, introductions, placements) stay, keyed by the id alone. Carries no personal data.
/// </summary>
/// <param name="ErasedOn">The day of the erasure in Japan.</param>
[PublishedBy("candidates")]
public sealed record CandidateErased(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CandidateId,
    DateOnly ErasedOn) : IIntegrationEvent;
