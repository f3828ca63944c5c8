namespace Matching.Contracts.Programs;

/// <summary>
/// 担当コーディネーター — the program's coordinators as they now are (active accounts with a coordinator role), main
/// first, then sub, then assistants. The whole list each time, so a consumer keeps the newest by
/// <see cref="OccurredAt"/> whatever the order of delivery; an empty list means the program has none.
/// </summary>
[PublishedBy("programs")]
public sealed record ProgramStaffChanged(Guid EventId, string Program, DateTimeOffset OccurredAt, IReadOnlyList<StaffMember> Coordinators)
    : IIntegrationEvent;

/// <summary>A coordinator of a program: the account's id, its display name, and its level (main, sub, assistant).</summary>
public sealed record StaffMember(Guid UserId, string DisplayName, string? Level);
