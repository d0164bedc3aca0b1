using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

/// <summary>
/// One unit of work for the <see cref="GroupCommitWriter"/>: it runs inside a shared transaction and its
/// caller is released only after that transaction commits.
/// </summary>
internal abstract class OutboxWrite
{
    /// <summary>How this write changes the number of pending operations, known after <see cref="Execute"/>.</summary>
    public long PendingDelta { get; protected set; }

    /// <summary>How many operations this write appended, for the <c>Appended</c> signal.</summary>
    public int Appended { get; protected set; }

    public abstract Task Task { get; }

    /// <summary>Does the work. May run again after a rollback, so it must not keep state from an earlier run.</summary>
    public abstract void Execute(OutboxWriteContext context);

    /// <summary>Releases the caller with the result; called once the transaction committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A write whose work is a delegate returning a result.</summary>
internal sealed class OutboxWrite<T>(Func<OutboxWriteContext, (T Result, long PendingDelta)> work) : OutboxWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;

    public override Task Task => _completion.Task;

    public Task<T> TypedTask => _completion.Task;

    public override void Execute(OutboxWriteContext context)
    {
        (_result, var delta) = work(context);
        PendingDelta = delta;
    }

    public override void Complete() => _completion.TrySetResult(_result!);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}

/// <summary>What a write sees of the current transaction.</summary>
internal sealed class OutboxWriteContext(SqliteConnection connection) : IDisposable
{
    private readonly SqliteCommand _deadLettersExistQuery = CreateDeadLettersExistQuery(connection);
    private bool? _deadLettersExist;

    public SqliteConnection Connection { get; } = connection;

    public SqliteTransaction Transaction { get; private set; } = null!;

    /// <summary>The operations appended in the current transaction, for the pending-tuple index once it commits.</summary>
    public List<AppendedTuple> Appended { get; } = [];

    public void Begin(SqliteTransaction transaction)
    {
        Transaction = transaction;
        _deadLettersExist = null;
        Appended.Clear();
    }

    /// <summary>
    /// Whether any dead letter exists, read once per transaction: appends skip the per-tuple dead-letter
    /// cleanup when there is none, which is the usual case.
    /// </summary>
    public bool DeadLettersExist
    {
        get
        {
            if (_deadLettersExist is null)
            {
                _deadLettersExistQuery.Transaction = Transaction;
                _deadLettersExist = (long)_deadLettersExistQuery.ExecuteScalar()! != 0;
            }

            return _deadLettersExist.Value;
        }
    }

    /// <summary>Called by a write that adds a dead letter, so later appends in the batch clean up after it.</summary>
    public void NoteDeadLetterAdded() => _deadLettersExist = true;

    public void Dispose() => _deadLettersExistQuery.Dispose();

    private static SqliteCommand CreateDeadLettersExistQuery(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM outbox_dead_letters)";
        return command;
    }
}
