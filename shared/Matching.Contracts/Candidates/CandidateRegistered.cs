namespace Matching.Contracts.Candidates;

/// <summary>
/// A professional was registered in the program's talent data bank (人材データバンク). No personal data: Programs counts
/// registrations (<c>candidate-registered</c>) by residence prefecture and desired employment form, nothing more.
/// </summary>
/// <param name="PrefectureCode">Residence prefecture at registration (01–47).</param>
/// <param name="EmploymentForms">Desired employment forms (camelCase names of <see cref="EmploymentForm"/>), the first being the main wish.</param>
/// <param name="SourceFirmId">The recruiting firm that registered its own candidate; null when the program did.</param>
/// <param name="HometownPrefectureCode">出身都道府県, when given: Placements derives U・I・Jターン from it at the time of hire.</param>
[PublishedBy("candidates")]
public sealed record CandidateRegistered(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CandidateId,
    DateOnly RegisteredOn,
    string PrefectureCode,
    IReadOnlyList<string> EmploymentForms,
    Guid? SourceFirmId,
    string? HometownPrefectureCode = null) : IIntegrationEvent;

/// <summary>A candidate's profile changed (<paramref name="Version"/> orders the changes); the same coarse facts, no personal data.</summary>
/// <param name="Status">active, placed, paused or left.</param>
[PublishedBy("candidates")]
public sealed record CandidateUpdated(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid CandidateId,
    int Version,
    string Status,
    string PrefectureCode,
    IReadOnlyList<string> EmploymentForms,
    string? HometownPrefectureCode = null) : IIntegrationEvent;
