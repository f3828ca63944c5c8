using Matching.Platform.Data;

namespace Matching.Platform.Messaging;

/// <summary>
/// 受信箱 — the messages a service has consumed, recorded in the consumer's own transaction,
/// so a redelivered message changes nothing twice.
/// </summary>
public sealed class Inbox
{
    private readonly DatabaseTransaction transaction;

    internal const string DuplicateSql =
        "UPDATE inbox_messages SET duplicates = duplicates + 1 WHERE message_id = @messageId AND consumer = @consumer";

    internal const string HandledSql =
        "SELECT message_id FROM inbox_messages WHERE consumer = @consumer AND message_id IN @messageIds";

    internal Inbox(DatabaseTransaction transaction) => this.transaction = transaction;

    /// <summary>
    /// Records that <paramref name="consumer"/> handles <paramref name="messageId"/>. False when it already did:
    /// the redelivery is counted in <c>duplicates</c> and the caller changes nothing.
    /// </summary>
    public async Task<bool> TryAcceptAsync(Guid messageId, string consumer, CancellationToken ct)
    {
        var inserted = await transaction.ExecuteAsync(
            transaction.Dialect.AcceptInboxSql,
            new { messageId, consumer, receivedAt = DateTimeOffset.UtcNow },
            ct);
        transaction.InboxCommitted(consumer, [messageId]);
        if (inserted == 1)
            return true;
        await transaction.ExecuteAsync(
            DuplicateSql,
            new { messageId, consumer },
            ct);
        return false;
    }

    /// <summary>
    /// Records a batch of deliveries for <paramref name="consumer"/> with a few statements instead of one per message:
    /// returns the message ids to handle, each once, in delivery order. Redeliveries — handled before, or repeated within
    /// the batch — are counted in <c>duplicates</c> and left out.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> TryAcceptAllAsync(IReadOnlyList<Guid> messageIds, string consumer, CancellationToken ct)
    {
        if (messageIds.Count == 0)
            return [];
        transaction.InboxCommitted(consumer, messageIds);
        var handled = new HashSet<Guid>();
        foreach (var ids in transaction.Dialect.GuidLists(messageIds.Distinct()))
            handled.UnionWith(await transaction.QueryAsync<Guid>(HandledSql, new { consumer, messageIds = ids }, ct));
        var accepted = new List<Guid>(messageIds.Count);
        var duplicates = new List<Guid>();
        var seen = new HashSet<Guid>();
        foreach (var id in messageIds)
        {
            if (handled.Contains(id) || !seen.Add(id))
                duplicates.Add(id);
            else
                accepted.Add(id);
        }
        var receivedAt = DateTimeOffset.UtcNow;
        // One prepared statement executed per row (Dapper runs a sequence of parameter sets on one command).
        if (accepted.Count > 0)
            await transaction.ExecuteAsync(transaction.Dialect.AcceptInboxSql, accepted.Select(messageId => new { messageId, consumer, receivedAt }).ToList(), ct);
        if (duplicates.Count > 0)
            await transaction.ExecuteAsync(DuplicateSql, duplicates.Select(messageId => new { messageId, consumer }).ToList(), ct);
        return accepted;
    }
}
