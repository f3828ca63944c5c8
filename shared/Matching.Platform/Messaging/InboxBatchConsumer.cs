using Matching.Contracts;
using Matching.Platform.Data;
using MassTransit;

namespace Matching.Platform.Messaging;

/// <summary>
/// An <see cref="InboxConsumer{TEvent}"/> for high-volume events: up to a batch of deliveries commit in one
/// transaction (one durable write instead of one per event), each still recorded in the inbox, so a redelivered
/// event — in the same batch or a later one — changes nothing twice. A failure rolls back and retries the whole batch.
/// </summary>
public abstract class InboxBatchConsumer<TEvent>(ServiceDatabase database) : IConsumer<Batch<TEvent>>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var ct = context.CancellationToken;
        var consumer = GetType().Name;
        await using var tx = await database.BeginAsync(ct);
        foreach (var delivery in context.Message)
        {
            if (await tx.Inbox.TryAcceptAsync(delivery.Message.EventId, consumer, ct))
                await HandleAsync(tx, delivery.Message, ct);
        }
        await tx.CommitAsync(ct);
    }

    protected abstract Task HandleAsync(DatabaseTransaction tx, TEvent message, CancellationToken ct);
}
