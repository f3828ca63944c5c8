using Matching.Contracts;
using Matching.Platform.Data;
using MassTransit;

namespace Matching.Platform.Messaging;

/// <summary>
/// A consumer whose change commits together with the inbox record of the event it handles:
/// the same event delivered twice changes nothing the second time.
/// </summary>
public abstract class InboxConsumer<TEvent>(ServiceDatabase database) : IConsumer<TEvent>
    where TEvent : class, IIntegrationEvent
{
    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var ct = context.CancellationToken;
        await using var tx = await database.BeginAsync(ct);
        if (await tx.Inbox.TryAcceptAsync(context.Message.EventId, GetType().Name, ct))
            await HandleAsync(tx, context.Message, ct);
        await ReplayEnds.RecordAsync(tx, GetType().Name, context.Headers.Get<string>(ReplayEnds.Header), ct);
        await tx.CommitAsync(ct);
    }

    protected abstract Task HandleAsync(DatabaseTransaction tx, TEvent message, CancellationToken ct);
}
