using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Matching.Platform.Messaging;

/// <summary>
/// On the in-memory transport (the embedded default, one process) a publish returns as soon as the message sits in
/// the consumers' in-memory queues, where a crash or a power loss would lose it. There a message counts as sent only
/// once every consumer of its type has committed it to its inbox (handled or dropped as a repeat): the consumers'
/// commits report here, and the relay waits for them before it marks the outbox row sent. A message whose consumers
/// do not all report in time (one keeps failing) stays unsent and is published again later; inboxes drop the repeats.
/// On RabbitMQ there are no receipts: the broker's confirmation of a durable quorum queue makes a message safe.
/// </summary>
public sealed class DeliveryReceipts
{
    private readonly ConcurrentDictionary<Guid, Awaited> awaited = new();
    private readonly ConcurrentDictionary<(string Consumer, Guid MessageId), TaskCompletionSource> awaitedFrom = new();
    private FrozenDictionary<Type, int> consumersPerType = FrozenDictionary<Type, int>.Empty;

    /// <summary>The process's receipts, when it runs the in-memory transport (registered as an instance before the databases).</summary>
    internal static DeliveryReceipts? Registered(Microsoft.Extensions.DependencyInjection.IServiceCollection services) =>
        services.Select(d => d.ImplementationInstance).OfType<DeliveryReceipts>().FirstOrDefault();

    /// <summary>Learns which inbox consumers this process runs, once the bus's consumers are registered.</summary>
    internal void CountConsumers(IEnumerable<Type> consumerTypes) =>
        consumersPerType = consumerTypes
            .Distinct()
            .SelectMany(InboxEventTypes)
            .GroupBy(t => t)
            .ToFrozenDictionary(g => g.Key, g => g.Count());

    /// <summary>How many consumers must commit a message of this type before it is safe.</summary>
    internal int ConsumersOf(Type eventType) => consumersPerType.GetValueOrDefault(eventType);

    /// <summary>
    /// Starts waiting for the consumers of a message, before it is published (a consumer may commit before the
    /// publish call returns). Completes when all have committed; at once for a type nobody here consumes.
    /// </summary>
    internal Task ExpectAsync(Guid messageId, Type eventType)
    {
        var consumers = ConsumersOf(eventType);
        if (consumers == 0)
            return Task.CompletedTask;
        return awaited.GetOrAdd(messageId, _ => new Awaited(consumers)).Settled;
    }

    /// <summary>Stops waiting for a message (settled, or given up on until its next publish).</summary>
    internal void Forget(Guid messageId) => awaited.TryRemove(messageId, out _);

    /// <summary>
    /// Starts waiting for one consumer (<c>service/consumer</c>) to commit a message sent to its queue alone (a replay
    /// of event history); completes when it has.
    /// </summary>
    internal Task ExpectFromAsync(string consumer, Guid messageId) =>
        awaitedFrom.GetOrAdd((consumer, messageId), _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void ForgetFrom(string consumer, Guid messageId) => awaitedFrom.TryRemove((consumer, messageId), out _);

    /// <summary>Called after a consumer's inbox commit is durable, for each message it handled or dropped.</summary>
    internal void Committed(string consumer, IEnumerable<Guid> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (awaited.TryGetValue(id, out var waiting))
                waiting.Committed(consumer);
            if (!awaitedFrom.IsEmpty && awaitedFrom.TryGetValue((consumer, id), out var replayed))
                replayed.TrySetResult();
        }
    }

    /// <summary>The event types an inbox consumer type handles (<c>Batch&lt;T&gt;</c> counts as T).</summary>
    internal static IEnumerable<Type> InboxEventTypes(Type consumerType)
    {
        for (var type = consumerType.BaseType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(InboxConsumer<>) || type.GetGenericTypeDefinition() == typeof(InboxBatchConsumer<>)))
                return [type.GetGenericArguments()[0]];
        }
        return [];
    }

    private sealed class Awaited(int consumers)
    {
        private readonly HashSet<string> committed = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Settled => settled.Task;

        public void Committed(string consumer)
        {
            lock (committed)
            {
                if (committed.Add(consumer) && committed.Count >= consumers)
                    settled.TrySetResult();
            }
        }
    }
}
