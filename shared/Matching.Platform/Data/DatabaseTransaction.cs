using System.Data.Common;
using Dapper;
using Matching.Platform.Messaging;

namespace Matching.Platform.Data;

/// <summary>
/// One unit of work: the rows a use case changes, the events it causes (<see cref="Outbox"/>)
/// and the messages it has consumed (<see cref="Inbox"/>) commit together or not at all.
/// Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class DatabaseTransaction : IAsyncDisposable
{
    private readonly SemaphoreSlim? writeGate;
    private bool completed;

    internal DatabaseTransaction(ServiceDatabase database, DbConnection connection, DbTransaction transaction, SemaphoreSlim? writeGate)
    {
        this.writeGate = writeGate;
        Database = database;
        Connection = connection;
        Transaction = transaction;
        Outbox = new Outbox(this);
        Inbox = new Inbox(this);
    }

    public ServiceDatabase Database { get; }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public SqlDialect Dialect => Database.Dialect;

    public Outbox Outbox { get; }

    public Inbox Inbox { get; }

    public Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct) =>
        Connection.ExecuteAsync(Command(sql, parameters, ct));

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        (await Connection.QueryAsync<T>(Command(sql, parameters, ct))).AsList();

    public Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        Connection.QuerySingleOrDefaultAsync<T>(Command(sql, parameters, ct));

    public Task<T?> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct) =>
        Connection.ExecuteScalarAsync<T>(Command(sql, parameters, ct));

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        completed = true;
        if (Outbox.Count > 0)
            Database.OutboxSignal.Notify();
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            try
            {
                await Transaction.RollbackAsync();
            }
            catch (InvalidOperationException)
            {
                // The connection already ended the transaction (e.g. after a failed commit).
            }
        }
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
        writeGate?.Release();
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);
}
