using Matching.Contracts;
using Matching.Platform.Data;
using MassTransit;

namespace Matching.Platform.Messaging;

/// <summary>
/// An <see cref="InboxConsumer{TEvent}"/> for high-volume events: up to a batch of deliveries commit in one
/// transaction (one durable write instead of one per event), each still recorded in the inbox, so a redelivered
/// event — in the same batch or a later one — changes nothing twice. A failure rolls back and retries the whole batch.
/// The consumer writes the batch's new events together (<see cref="HandleAllAsync"/>), with a few statements for all.
/// </summary>
public abstract class InboxBatchConsumer<TEvent>(ServiceDatabase database) : IConsumer<Batch<TEvent>>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var ct = context.CancellationToken;
        var consumer = GetType().Name;
        var events = new Dictionary<Guid, TEvent>(context.Message.Length);
        var ids = new List<Guid>(context.Message.Length);
        foreach (var delivery in context.Message)
        {
            events.TryAdd(delivery.Message.EventId, delivery.Message);
            ids.Add(delivery.Message.EventId);
        }
        await using var tx = await database.BeginAsync(ct);
        var accepted = await tx.Inbox.TryAcceptAllAsync(ids, consumer, ct);
        if (accepted.Count > 0)
            await HandleAllAsync(tx, accepted.Select(id => events[id]).ToList(), ct);
        foreach (var delivery in context.Message)
        {
            if (delivery.Headers.Get<string>(ReplayEnds.Header) is { } marker)
                await ReplayEnds.RecordAsync(tx, consumer, marker, ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Handles the batch's events that are new to this consumer, in delivery order.</summary>
    protected abstract Task HandleAllAsync(DatabaseTransaction tx, IReadOnlyList<TEvent> messages, CancellationToken ct);
}
