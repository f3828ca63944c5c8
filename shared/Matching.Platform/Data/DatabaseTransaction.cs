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
    private readonly GroupCommit? group;
    private readonly string? savepoint;
    private bool completed;
    private List<(string Consumer, IReadOnlyList<Guid> MessageIds)>? inboxed;

    internal DatabaseTransaction(ServiceDatabase database, DbConnection connection, DbTransaction transaction, GroupCommit? group, string? savepoint)
    {
        this.group = group;
        this.savepoint = savepoint;
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

    /// <summary>Returns once the changes are durable.</summary>
    public async Task CommitAsync(CancellationToken ct)
    {
        // Marked first: whatever happens in the commit, this writer's turn is over and disposal must not roll back.
        completed = true;
        if (group is not null)
            await group.CommitAsync(savepoint!);
        else
            await Transaction.CommitAsync(ct);
        if (Outbox.Count > 0)
            Database.OutboxSignal.Notify();
        if (inboxed is not null && Database.Receipts is { } receipts)
        {
            foreach (var (consumer, ids) in inboxed)
                receipts.Committed($"{Database.Service}/{consumer}", ids);
        }
    }

    /// <summary>Remembers what the inbox records in this transaction, to report it once the commit is durable.</summary>
    internal void InboxCommitted(string consumer, IReadOnlyList<Guid> messageIds)
    {
        if (Database.Receipts is not null)
            (inboxed ??= []).Add((consumer, messageIds));
    }

    public async ValueTask DisposeAsync()
    {
        if (group is not null)
        {
            // The connection belongs to the group; only this writer's savepoint is ours to undo.
            if (!completed)
                await group.RollbackAsync(savepoint!);
            return;
        }
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
    }

    private CommandDefinition Command(string sql, object? parameters, CancellationToken ct) =>
        new(sql, parameters, Transaction, cancellationToken: ct);
}
