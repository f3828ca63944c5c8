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
        if (inserted == 1)
            return true;
        await transaction.ExecuteAsync(
            DuplicateSql,
            new { messageId, consumer },
            ct);
        return false;
    }
}
