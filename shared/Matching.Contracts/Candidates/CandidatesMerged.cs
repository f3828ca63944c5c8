namespace Matching.Contracts.Candidates;

/// <summary>
/// 重複登録の統合 — a registration was found to repeat someone registered already and was merged into that record: from now
/// on <see cref="MergedId"/> is <see cref="IntoId"/> (its consents, provisions and shortlist entries moved there). Not an
/// erasure and not a new registration: what was counted stays counted (each registration was made, once), and a service
/// keeping a copy by the merged id may point it at the one that stays. Carries no personal data.
/// </summary>
/// <param name="MergedOn">The day of the merge in Japan.</param>
[PublishedBy("candidates")]
public sealed record CandidatesMerged(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid MergedId,
    Guid IntoId,
    DateOnly MergedOn) : IIntegrationEvent;
