namespace Matching.Contracts.Coordinators;

/// <summary>
/// A consultation's content was corrected (修正); its company and date, and so its count, do not change.
/// <paramref name="NeedIdentified"/> says whether a talent need came out of it, as it now reads.
/// </summary>
[PublishedBy("coordinators")]
public sealed record ConsultationCorrected(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid ConsultationId,
    Guid CompanyId,
    int Version,
    bool NeedIdentified) : IIntegrationEvent;
