namespace Matching.Contracts;

/// <summary>
/// A fact one service tells the others. The event id is the deduplication key of every inbox,
/// so a redelivered or republished event is recognised wherever it arrives.
/// </summary>
public interface IIntegrationEvent
{
    Guid EventId { get; }

    /// <summary>The slug of the program (tenant) the fact belongs to.</summary>
    string Program { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>Event ids: unique, and ordered by time, so the inbox and outbox indexes they key grow at their end.</summary>
public static class EventIds
{
    public static Guid New() => Guid.CreateVersion7();
}
