namespace Matching.Contracts;

/// <summary>
/// The services that publish an event. A service that catches up (see <see cref="History.HistoryRequested"/>) waits
/// for an answer from each publisher of the events it consumes.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class PublishedByAttribute(params string[] services) : Attribute
{
    public IReadOnlyList<string> Services { get; } = services;

    /// <summary>The publishers an event type names; none for a type without the attribute.</summary>
    public static IReadOnlyList<string> Of(Type eventType) =>
        eventType.GetCustomAttributes(typeof(PublishedByAttribute), false) is [PublishedByAttribute published, ..] ? published.Services : [];
}
