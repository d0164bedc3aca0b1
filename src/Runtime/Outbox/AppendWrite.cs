using Microsoft.Data.Sqlite;
using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>
/// The prepared statements of an append, bound to the writer's connection and reused for every operation
/// (the hot path: Grant and Revoke).
/// </summary>
internal sealed class AppendStatements : IDisposable
{
    private readonly SqliteCommand _deleteSuperseded;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _deleteDeadLetters;

    public AppendStatements(SqliteConnection connection)
    {
        // The last operation on a tuple wins, so a pending (not in-flight) operation on the same tuple is dropped.
        _deleteSuperseded = Create(
            connection,
            "DELETE FROM outbox_operations WHERE tuple_hash = $hash AND lease_owner IS NULL " +
            "AND store_id = $store AND subject = $user AND relation = $relation AND object = $object",
            "$hash", "$store", "$user", "$relation", "$object");
        _insert = Create(
            connection,
            "INSERT INTO outbox_operations (tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, " +
            "condition_name, condition_context, enqueued_at, attempts, next_attempt_at) " +
            "VALUES ($hash, $connection, $store, $model, $kind, $user, $relation, $object, $condition, $context, $now, 0, $now) RETURNING seq",
            "$hash", "$connection", "$store", "$model", "$kind", "$user", "$relation", "$object", "$condition", "$context", "$now");
        // A newer operation supersedes a dead-lettered one, so a later retry cannot bring an old grant back.
        _deleteDeadLetters = Create(
            connection,
            "DELETE FROM outbox_dead_letters WHERE tuple_hash = $hash " +
            "AND store_id = $store AND subject = $user AND relation = $relation AND object = $object",
            "$hash", "$store", "$user", "$relation", "$object");
    }

    public (long Sequence, long PendingDelta) Append(OutboxWriteContext context, in AppendRequest request)
    {
        Bind(_deleteSuperseded, context, request);
        var superseded = _deleteSuperseded.ExecuteNonQuery();

        Bind(_insert, context, request);
        _insert.Parameters["$connection"].Value = request.Connection.Name;
        _insert.Parameters["$model"].Value = (object?)request.Connection.AuthorizationModelId ?? DBNull.Value;
        _insert.Parameters["$kind"].Value = (long)request.Kind;
        _insert.Parameters["$condition"].Value = (object?)request.Tuple.Condition?.Name ?? DBNull.Value;
        _insert.Parameters["$context"].Value = (object?)request.ConditionContextJson ?? DBNull.Value;
        _insert.Parameters["$now"].Value = request.Now;
        var sequence = (long)_insert.ExecuteScalar()!;

        if (context.DeadLettersExist)
        {
            Bind(_deleteDeadLetters, context, request);
            _deleteDeadLetters.ExecuteNonQuery();
        }

        return (sequence, 1 - superseded);
    }

    public void Dispose()
    {
        _deleteSuperseded.Dispose();
        _insert.Dispose();
        _deleteDeadLetters.Dispose();
    }

    private static void Bind(SqliteCommand command, OutboxWriteContext context, in AppendRequest request)
    {
        command.Transaction = context.Transaction;
        command.Parameters["$hash"].Value = request.TupleHash;
        command.Parameters["$store"].Value = request.Connection.StoreId;
        command.Parameters["$user"].Value = request.Tuple.User;
        command.Parameters["$relation"].Value = request.Tuple.Relation;
        command.Parameters["$object"].Value = request.Tuple.Object;
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}

/// <summary>A validated operation ready to append.</summary>
internal readonly record struct AppendRequest(
    FgaConnection Connection,
    OutboxOperationKind Kind,
    TupleKey Tuple,
    string? ConditionContextJson,
    long TupleHash,
    long Now);

/// <summary>Appends one operation; the caller's task completes with its sequence number once committed.</summary>
internal sealed class AppendWrite(AppendStatements statements, AppendRequest request) : OutboxWrite
{
    private readonly TaskCompletionSource<long> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _sequence;

    public override Task Task => _completion.Task;

    public Task<long> SequenceTask => _completion.Task;

    public override void Execute(OutboxWriteContext context)
    {
        (_sequence, var delta) = statements.Append(context, request);
        PendingDelta = delta;
        Appended = 1;
    }

    public override void Complete() => _completion.TrySetResult(_sequence);

    public override void Fail(Exception exception) => _completion.TrySetException(exception);
}
