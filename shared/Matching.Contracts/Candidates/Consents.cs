namespace Matching.Contracts.Candidates;

/// <summary>
/// 個人情報の第三者提供への同意 — a candidate consented to a purpose for a recipient: <c>program</c> (the program itself),
/// <c>registeredFirms</c> (every firm registered with the program), or <c>firm</c> (<paramref name="FirmId"/> only).
/// Carries no personal data: which candidate, which consent, to whom.
/// </summary>
[PublishedBy("candidates")]
public sealed record ConsentGiven(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CandidateId,
    Guid ConsentId,
    string Purpose,
    string Recipient,
    Guid? FirmId,
    string TextVersion) : IIntegrationEvent;

/// <summary>The candidate withdrew a consent (同意の撤回); it stops covering any provision at once.</summary>
[PublishedBy("candidates")]
public sealed record ConsentWithdrawn(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CandidateId,
    Guid ConsentId,
    string Purpose,
    string Recipient,
    Guid? FirmId) : IIntegrationEvent;
