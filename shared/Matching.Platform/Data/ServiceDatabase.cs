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
        writeGate = dialect == SqlDialect.Sqlite ? new SemaphoreSlim(1, 1) : null;
    }

    // SQLite has one writer at a time. Writers of this process queue here, in order, instead of meeting
    // SQLITE_BUSY and sleeping in the busy handler; writers of other processes (replicas) still wait on busy_timeout.
    private readonly SemaphoreSlim? writeGate;

    public string Service { get; }

    public SqlDialect Dialect { get; }

    public string ConnectionString { get; }

    public OutboxSignal OutboxSignal { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = Dialect.CreateConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            if (Dialect.SessionSetupSql is { } setup)
                await connection.ExecuteAsync(new CommandDefinition(setup, cancellationToken: ct));
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Begins a write transaction (on SQLite: BEGIN IMMEDIATE, so writers queue instead of failing on upgrade).</summary>
    public async Task<DatabaseTransaction> BeginAsync(CancellationToken ct)
    {
        if (writeGate is not null)
            await writeGate.WaitAsync(ct);
        DbConnection? connection = null;
        try
        {
            connection = await OpenAsync(ct);
            var transaction = await connection.BeginTransactionAsync(ct);
            return new DatabaseTransaction(this, connection, transaction, writeGate);
        }
        catch
        {
            if (connection is not null)
                await connection.DisposeAsync();
            writeGate?.Release();
            throw;
        }
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
