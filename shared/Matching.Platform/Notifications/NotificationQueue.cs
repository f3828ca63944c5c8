using Matching.Platform.Data;

namespace Matching.Platform.Notifications;

/// <summary>
/// Queues notifications in the transaction of the change that causes them, like the outbox: a rolled-back change
/// notifies nobody, a committed one is sent by the <see cref="NotificationDispatcher"/> even after a crash.
/// </summary>
public static class NotificationQueue
{
    /// <summary>Longest <see cref="Notification.DedupKey"/>: it is part of a unique index (900 bytes on SQL Server).</summary>
    public const int MaxDedupKeyLength = 400;

    /// <summary>
    /// Queues the notification unless one with its program and dedup key was queued before (then nothing is written).
    /// Returns true when it was queued now.
    /// </summary>
    public static async Task<bool> QueueNotificationAsync(this DatabaseTransaction transaction, Notification notification, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Program);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Channel);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.Recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(notification.DedupKey);
        if (notification.DedupKey.Length > MaxDedupKeyLength)
            throw new ArgumentException($"A dedup key has at most {MaxDedupKeyLength} characters.", nameof(notification));
        if (notification.Link is { IsAbsoluteUri: false })
            throw new ArgumentException("A notification's link is an absolute address: the recipient opens it outside the product.", nameof(notification));

        var written = await transaction.ExecuteAsync(
            QueueSqlOf(transaction.Dialect),
            new
            {
                notificationId = Guid.CreateVersion7(),
                program = notification.Program,
                dedupKey = notification.DedupKey,
                channel = notification.Channel,
                recipient = notification.Recipient,
                subject = notification.Subject,
                body = notification.Body,
                link = notification.Link?.AbsoluteUri,
                createdAt = DateTimeOffset.UtcNow,
            },
            ct);
        return written == 1;
    }

    // Not named *Sql: the SQLite text must not be taken for T-SQL by the script tests, which parse QueueSqlOf(SqlServer).
    internal static string QueueSqlOf(SqlDialect dialect) => dialect == SqlDialect.SqlServer ? QueueOnSqlServer : QueueOnSqlite;

    private const string QueueOnSqlite = """
        INSERT INTO notifications (notification_id, program, dedup_key, channel, recipient, subject, body, link, status, created_at, attempts)
        VALUES (@notificationId, @program, @dedupKey, @channel, @recipient, @subject, @body, @link, 'Queued', @createdAt, 0)
        ON CONFLICT (program, dedup_key) DO NOTHING
        """;

    // HOLDLOCK makes the existence check and the insert one atomic step when two transactions queue the same key.
    private const string QueueOnSqlServer = """
        INSERT INTO notifications (notification_id, program, dedup_key, channel, recipient, subject, body, link, status, created_at, attempts)
        SELECT @notificationId, @program, @dedupKey, @channel, @recipient, @subject, @body, @link, 'Queued', @createdAt, 0
         WHERE NOT EXISTS (SELECT 1
                             FROM notifications WITH (UPDLOCK, HOLDLOCK)
                            WHERE program = @program AND dedup_key = @dedupKey);
        """;
}
