using System.Data.Common;

namespace Matching.Platform.Data;

/// <summary>
/// Group commit for SQLite, which has one writer at a time and pays one durable sync (synchronous=FULL) per commit.
/// Writers of this process take turns on one shared transaction, each inside its own savepoint; a writer that finishes
/// hands the transaction to the next one waiting, and when nobody waits (or the group is full) the group commits with
/// a single sync. No writer's <see cref="DatabaseTransaction.CommitAsync"/> returns before the group is durable, and a
/// writer that gives up rolls back only its own savepoint. Writers of other processes (replicas) wait on busy_timeout.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The semaphore lives as long as the database object (the process) and never allocates a wait handle.")]
internal sealed class GroupCommit(ServiceDatabase database)
{
    private const int MaxGroup = 64;

    private readonly SemaphoreSlim turn = new(1, 1);
    private readonly List<TaskCompletionSource> members = [];
    private int waiting;
    private int savepoints;
    private bool flushScheduled;
    private DbConnection? connection;
    private DbTransaction? transaction;

    /// <summary>Waits for this writer's turn and opens its savepoint in the group's transaction.</summary>
    public async Task<DatabaseTransaction> EnterAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref waiting);
        try
        {
            await turn.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
        }
        try
        {
            if (transaction is null)
            {
                connection = await database.OpenAsync(ct);
                transaction = await connection.BeginTransactionAsync(ct);
            }
            var savepoint = $"w{++savepoints}";
            // Not cancellable: a writer that gives up here must not fail the group it joins.
            await transaction.SaveAsync(savepoint, CancellationToken.None);
            return new DatabaseTransaction(database, connection!, transaction, this, savepoint);
        }
        catch (Exception ex)
        {
            await FailGroupAsync(ex);
            throw;
        }
    }

    /// <summary>Keeps the writer's changes in the group and returns once the group has committed.</summary>
    public async Task CommitAsync(string savepoint)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await transaction!.ReleaseAsync(savepoint);
        }
        catch (Exception ex)
        {
            await FailGroupAsync(ex);
            throw;
        }
        members.Add(durable);
        await HandOverAsync();
        await durable.Task;
    }

    /// <summary>Undoes the writer's changes only; the rest of the group goes on.</summary>
    public async Task RollbackAsync(string savepoint)
    {
        try
        {
            await transaction!.RollbackAsync(savepoint);
            await transaction.ReleaseAsync(savepoint);
        }
        catch (Exception ex)
        {
            await FailGroupAsync(ex);
            return;
        }
        await HandOverAsync();
    }

    /// <summary>Called by the writer holding the turn: pass the open transaction on, or commit the group.</summary>
    private async Task HandOverAsync()
    {
        if (Volatile.Read(ref waiting) > 0 && members.Count < MaxGroup)
        {
            // A writer that stops waiting (cancelled) must not strand the group: a flush queues behind the waiters.
            if (!flushScheduled)
            {
                flushScheduled = true;
                _ = FlushAsync();
            }
            turn.Release();
            return;
        }
        try
        {
            await CommitGroupAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task FlushAsync()
    {
        Interlocked.Increment(ref waiting);
        await turn.WaitAsync();
        Interlocked.Decrement(ref waiting);
        try
        {
            await CommitGroupAsync();
        }
        finally
        {
            turn.Release();
        }
    }

    private async Task CommitGroupAsync()
    {
        flushScheduled = false;
        var group = members.ToArray();
        members.Clear();
        var (c, t) = (connection, transaction);
        (connection, transaction, savepoints) = (null, null, 0);
        if (t is null)
            return;
        try
        {
            if (group.Length > 0)
                await t.CommitAsync();
            else
                await t.RollbackAsync();
            foreach (var member in group)
                member.TrySetResult();
        }
        catch (Exception ex)
        {
            foreach (var member in group)
                member.TrySetException(ex);
        }
        finally
        {
            // The outcome is decided; a failure to close must not keep the turn from the next writer.
            await CloseQuietlyAsync(t, c);
        }
    }

    private static async Task CloseQuietlyAsync(DbTransaction? t, DbConnection? c)
    {
        try
        {
            if (t is not null)
                await t.DisposeAsync();
            if (c is not null)
                await c.DisposeAsync();
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
        }
    }

    /// <summary>The shared transaction is unusable: nobody in the group is committed, and every member is told.</summary>
    private async Task FailGroupAsync(Exception ex)
    {
        var group = members.ToArray();
        members.Clear();
        var (c, t) = (connection, transaction);
        (connection, transaction, savepoints) = (null, null, 0);
        try
        {
            if (t is not null)
            {
                try
                {
                    await t.RollbackAsync();
                }
                catch (Exception rollback) when (rollback is InvalidOperationException or DbException)
                {
                    // Already rolled back by SQLite itself; the group fails either way.
                }
            }
            await CloseQuietlyAsync(t, c);
        }
        finally
        {
            foreach (var member in group)
                member.TrySetException(ex);
            turn.Release();
        }
    }
}
