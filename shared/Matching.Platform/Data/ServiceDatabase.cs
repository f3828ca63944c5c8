using System.Data.Common;
using Dapper;
using Matching.Platform.Messaging;

namespace Matching.Platform.Data;

/// <summary>
/// The database of one service. Each service owns exactly one; no service reads another's.
/// </summary>
public class ServiceDatabase
{
    public ServiceDatabase(string service, SqlDialect dialect, string connectionString, OutboxSignal outboxSignal)
    {
        TypeHandlers.Register();
        Service = service;
        Dialect = dialect;
        ConnectionString = connectionString;
        OutboxSignal = outboxSignal;
        groupCommit = dialect == SqlDialect.Sqlite ? new GroupCommit(this) : null;
    }

    // SQLite has one writer at a time: writers of this process queue for it and share commits (see GroupCommit).
    private readonly GroupCommit? groupCommit;

    public string Service { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public OutboxSignal OutboxSignal { get; }

    /// <summary>Wakes the service's <see cref="HistoryRelay"/> when a replay was asked of it.</summary>
    public OutboxSignal HistorySignal { get; } = new();

    /// <summary>On the in-memory transport: where consumers' commits are reported, so the relay knows a message is safe.</summary>
    public DeliveryReceipts? Receipts { get; init; }

    /// <summary>
    /// This database holds the product's one audit log (Programs'): its own entries are not published, and it copies
    /// the entries other services publish.
    /// </summary>
    public bool KeepsAuditLog { get; init; }

    // Session settings stay with the physical connection a pool hands out again: they are set once per connection.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> SetUpSessions = [];

    private static object Session(DbConnection connection) =>
        connection is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } ? handle : connection;

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (Dialect.SessionSetupSql is { } setup && Session(connection) is var session && !SetUpSessions.TryGetValue(session, out _))
            {
                await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: ct));
                SetUpSessions.AddOrUpdate(session, session);
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a write transaction. On SQLite it is a savepoint in the group commit (BEGIN IMMEDIATE underneath, so
    /// writers queue instead of failing on a lock upgrade); on SQL Server a plain transaction.
    /// Keep it short, and await nothing but this database inside it: on SQLite every writer of the process waits for it.
    /// </summary>
    public async Task<DatabaseTransaction> BeginAsync(CancellationToken ct)
    {
        if (groupCommit is not null)
            return await groupCommit.EnterAsync(ct);
        var connection = await OpenAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            return new DatabaseTransaction(this, connection, transaction, null, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Begins a transaction that only reads: a consistent view for long checks (an import's rows against the
    /// database) that never takes SQLite's one writer (a deferred transaction; WAL readers do not block writers).
    /// </summary>
    public async Task<DatabaseTransaction> BeginReadAsync(CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        try
        {
            var transaction = connection is Microsoft.Data.Sqlite.SqliteConnection sqlite
                ? sqlite.BeginTransaction(deferred: true)
                : await connection.BeginTransactionAsync(ct);
            return new DatabaseTransaction(this, connection, transaction, null, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// After an erasure (of a candidate's personal data) committed: removes the erased values from the database's files too,
    /// so nothing outside the tables (SQLite's WAL) still holds them. Returns false when readers kept the WAL busy.
    /// </summary>
    public async Task<bool> ScrubAsync(CancellationToken ct)
    {
        if (Dialect.ScrubSql is not { } scrub)
            return true;
        await using var connection = await OpenAsync(ct);
        // (busy, log frames, checkpointed frames): busy = 1 when a reader held an older snapshot past the busy timeout.
        var result = await connection.QuerySingleAsync<(long Busy, long Log, long Checkpointed)>(new CommandDefinition(scrub, cancellationToken: ct));
        return result.Busy == 0;
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows.AsList();
    }

    public async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    public async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct)))!;
    }
}

/// <summary>The database of the service <typeparamref name="TService"/>, so each service's classes receive their own.</summary>
public sealed class ServiceDatabase<TService>(string service, SqlDialect dialect, string connectionString, OutboxSignal outboxSignal)
    : ServiceDatabase(service, dialect, connectionString, outboxSignal)
    where TService : ServiceModule;
