using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Matching.Platform.Data;

/// <summary>
/// The few places where SQLite and SQL Server differ. Everything else is written once in SQL both accept:
/// named parameters, no date functions (dates are parameters), no identity tricks.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect SqlServer = new SqlServerDialect();

    /// <summary>File suffix of this dialect's migration scripts: <c>0001_name.sqlite.sql</c>.</summary>
    public abstract string Name { get; }

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Runs once at start-up, outside any transaction (database-wide settings).</summary>
    public abstract string? DatabaseSetupSql { get; }

    /// <summary>Runs once per opened connection (session settings).</summary>
    public abstract string? SessionSetupSql { get; }

    /// <summary>
    /// After an erasure has committed: what removes the erased values from the files as well (null where the database
    /// keeps no copy outside its tables that SQL can reach).
    /// </summary>
    public abstract string? ScrubSql { get; }

    /// <summary>Takes a lock that serialises schema migration across replicas, inside the migration transaction.</summary>
    public abstract string? MigrationLockSql { get; }

    /// <summary>
    /// Leases up to @batch unsent outbox messages whose lease is free or expired (@now, @until in Unix ms, @owner),
    /// and returns them. Two replicas never lease the same message while a lease holds.
    /// </summary>
    public abstract string LeaseOutboxSql { get; }

    /// <summary>Inserts (@messageId, @consumer, @receivedAt) into the inbox unless present; affects 1 row when new, 0 when a duplicate.</summary>
    public abstract string AcceptInboxSql { get; }

    /// <summary>Appends a first-N clause: <c>LIMIT n</c> or <c>OFFSET 0 ROWS FETCH NEXT n ROWS ONLY</c> (needs ORDER BY).</summary>
    public abstract string Page(string orderedSelect, string offsetParameter, string limitParameter);

    /// <summary>
    /// Ids for list parameters (<c>IN @ids</c>), at most 1,000 per list (SQL Server takes 2,100 parameters a statement).
    /// Dapper binds list items without the type handlers, so SQLite gets the ids as the text it stores them as, SQL
    /// Server as uniqueidentifier.
    /// </summary>
    public IEnumerable<IReadOnlyList<object>> GuidLists(IEnumerable<Guid> ids) =>
        ids.Chunk(1000).Select(chunk => GuidList(chunk));

    private protected abstract IReadOnlyList<object> GuidList(IEnumerable<Guid> ids);

    /// <summary>True when the exception says a unique index refused the row.</summary>
    public abstract bool IsUniqueViolation(DbException exception);

    private sealed class SqliteDialect : SqlDialect
    {
        public override string Name => "sqlite";

        private protected override IReadOnlyList<object> GuidList(IEnumerable<Guid> ids) => ids.Select(object (id) => id.ToString("D")).ToArray();

        public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

        // WAL lets readers work beside the one writer; the setting is stored in the file.
        public override string DatabaseSetupSql => "PRAGMA journal_mode = WAL;";

        // FULL: a 2xx answer survives power loss, not only a process crash (NORMAL in WAL mode only survives the latter).
        // secure_delete: deleted and overwritten values are zeroed in their pages, so an erasure leaves no copy in free space.
        public override string SessionSetupSql => "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA secure_delete = ON;";

        // The WAL keeps the pages as they were before the erasure until a checkpoint copies the new ones into the file;
        // TRUNCATE waits (busy timeout) for readers of older snapshots and empties the WAL.
        public override string ScrubSql => "PRAGMA wal_checkpoint(TRUNCATE);";

        // Microsoft.Data.Sqlite begins transactions IMMEDIATE, which already makes the migration a single writer.
        public override string? MigrationLockSql => null;

        public override string LeaseOutboxSql => """
            UPDATE outbox_messages
               SET lock_owner = @owner, locked_until = @until
             WHERE id IN (SELECT id
                            FROM outbox_messages
                           WHERE sent_at IS NULL
                             AND (locked_until IS NULL OR locked_until < @now)
                           ORDER BY id
                           LIMIT @batch)
            RETURNING id AS Id, message_id AS MessageId, message_type AS MessageType, body AS Body, attempts AS Attempts
            """;

        public override string AcceptInboxSql => """
            INSERT OR IGNORE INTO inbox_messages (message_id, consumer, received_at, duplicates)
            VALUES (@messageId, @consumer, @receivedAt, 0)
            """;

        public override string Page(string orderedSelect, string offsetParameter, string limitParameter) =>
            $"{orderedSelect} LIMIT {limitParameter} OFFSET {offsetParameter}";

        // SQLITE_CONSTRAINT (19) with the extended codes for UNIQUE (2067) and PRIMARY KEY (1555).
        public override bool IsUniqueViolation(DbException exception) =>
            exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };
    }

    private sealed class SqlServerDialect : SqlDialect
    {
        public override string Name => "sqlserver";

        public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

        public override string? DatabaseSetupSql => null;

        public override string? SessionSetupSql => null;

        // Deleted rows leave the data files as SQL Server reuses their pages; how long the transaction log and backups keep
        // them is the operator's retention.
        public override string? ScrubSql => null;

        private protected override IReadOnlyList<object> GuidList(IEnumerable<Guid> ids) => ids.Select(object (id) => id).ToArray();

        public override string MigrationLockSql =>
            "EXEC sp_getapplock @Resource = 'matching_schema_migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;";

        // READPAST skips rows another replica holds, UPDLOCK keeps ours until commit.
        public override string LeaseOutboxSql => """
            WITH batch AS (
                SELECT TOP (@batch) id, message_id, message_type, body, attempts, lock_owner, locked_until
                  FROM outbox_messages WITH (ROWLOCK, UPDLOCK, READPAST)
                 WHERE sent_at IS NULL
                   AND (locked_until IS NULL OR locked_until < @now)
                 ORDER BY id)
            UPDATE batch
               SET lock_owner = @owner, locked_until = @until
            OUTPUT inserted.id AS Id, inserted.message_id AS MessageId, inserted.message_type AS MessageType, inserted.body AS Body, inserted.attempts AS Attempts;
            """;

        // HOLDLOCK makes the existence check and the insert one atomic step under concurrent deliveries.
        public override string AcceptInboxSql => """
            INSERT INTO inbox_messages (message_id, consumer, received_at, duplicates)
            SELECT @messageId, @consumer, @receivedAt, 0
             WHERE NOT EXISTS (SELECT 1
                                 FROM inbox_messages WITH (UPDLOCK, HOLDLOCK)
                                WHERE message_id = @messageId AND consumer = @consumer);
            """;

        public override string Page(string orderedSelect, string offsetParameter, string limitParameter) =>
            $"{orderedSelect} OFFSET {offsetParameter} ROWS FETCH NEXT {limitParameter} ROWS ONLY";

        // 2627: unique constraint, 2601: unique index.
        public override bool IsUniqueViolation(DbException exception) =>
            exception is SqlException { Number: 2627 or 2601 };
    }
}
