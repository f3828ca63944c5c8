namespace Matching.Contracts.Coordinators;

/// <summary>
/// A seminar or event of the program was held (セミナー・イベント開催): counted by KPIs ("seminars held"), with the
/// companies that took part. <paramref name="Kind"/> is seminar, exchangeMeeting (交流会), jointRecruiting (合同採用説明会),
/// training (研修), or other.
/// </summary>
[PublishedBy("coordinators")]
public sealed record SeminarHeld(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid SeminarId,
    DateOnly Date,
    string Kind,
    IReadOnlyList<Guid> CompanyIds,
    int Participants) : IIntegrationEvent;
