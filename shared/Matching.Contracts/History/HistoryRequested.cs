namespace Matching.Contracts.History;

/// <summary>
/// A service asks the publishers of the events it consumes to replay their event history to its own queues: on its
/// first start, for a consumer new in a release, or when an operator runs <c>catch-up</c> (a database restored from a
/// backup). Inboxes drop what was handled before, so a replay is always safe. Repeated with the same
/// <paramref name="RequestId"/> while a publisher has not answered.
/// </summary>
/// <param name="Program">Empty: the request concerns every program.</param>
/// <param name="Service">The service catching up.</param>
/// <param name="Publishers">The services asked to answer (the others ignore the request).</param>
/// <param name="Since">Only events stored from this moment on; null for the whole history.</param>
/// <param name="Targets">Where each consumed event type goes: one entry per consumer queue.</param>
[PublishedBy("programs", "companies", "coordinators")]
public sealed record HistoryRequested(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    string Service,
    IReadOnlyList<string> Publishers,
    DateTimeOffset? Since,
    IReadOnlyList<ReplayTarget> Targets) : IIntegrationEvent;

/// <summary>One consumer of the requesting service: its queue, its inbox name, and the event type (stored name) it consumes.</summary>
public sealed record ReplayTarget(string Queue, string Consumer, string EventType);

/// <summary>
/// A publisher has replayed its history for a request: every replayed event reached the consumer's queues. The last
/// event replayed to each consumer in <paramref name="Ended"/> carries a marker; once each has been consumed, so has
/// everything replayed before it.
/// </summary>
[PublishedBy("programs", "companies", "coordinators")]
public sealed record HistoryReplayed(
    Guid EventId,
    string Program,
    DateTimeOffset OccurredAt,
    Guid RequestId,
    string Service,
    string Publisher,
    long Replayed,
    IReadOnlyList<string>? Ended = null) : IIntegrationEvent;
