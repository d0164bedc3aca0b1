using Microsoft.Data.Sqlite;
using TypedFga.Backends;

namespace TypedFga.Outbox;

/// <summary>
/// The prepared statements of an append, bound to the writer's connection and reused for every operation
/// (the hot path: Grant and Revoke).
/// </summary>
internal sealed class AppendStatements : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _findSameHash;
    private readonly SqliteParameter _findHash;
    private readonly Statement _deleteSuperseded;
    private readonly Statement _insert;
    private readonly Statement _deleteDeadLetters;

    public AppendStatements(SqliteConnection connection)
    {
        _connection = connection;

        // Most appends are for a tuple with nothing pending. This probe reads the tuple-hash index alone (the
        // sequence number is its row id), so that case costs one index seek and no write cursors.
        _findSameHash = connection.CreateCommand();
        _findSameHash.CommandText = "SELECT 1 FROM outbox_operations WHERE tuple_hash = $hash LIMIT 1";
        _findHash = _findSameHash.Parameters.Add("$hash", SqliteType.Integer);

        // The last operation on a tuple wins, so a pending (not in-flight) operation on the same tuple is dropped.
        _deleteSuperseded = new Statement(
            connection,
            "DELETE FROM outbox_operations WHERE tuple_hash = $hash AND lease_owner IS NULL " +
            "AND store_id = $store AND subject = $user AND relation = $relation AND object = $object");
        _insert = new Statement(
            connection,
            "INSERT INTO outbox_operations (tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, " +
            "condition_name, condition_context, enqueued_at, attempts, next_attempt_at) " +
            "VALUES ($hash, $connection, $store, $model, $kind, $user, $relation, $object, $condition, $context, $now, 0, $now)",
            "$connection", "$model", "$kind", "$condition", "$context", "$now");
        // A newer operation supersedes a dead-lettered one, so a later retry cannot bring an old grant back.
        _deleteDeadLetters = new Statement(
            connection,
            "DELETE FROM outbox_dead_letters WHERE tuple_hash = $hash " +
            "AND store_id = $store AND subject = $user AND relation = $relation AND object = $object");
    }

    public (long Sequence, long PendingDelta) Append(OutboxWriteContext context, in AppendRequest request)
    {
        _findSameHash.Transaction = context.Transaction;
        _findHash.Value = request.TupleHash;
        var superseded = _findSameHash.ExecuteScalar() is null ? 0 : _deleteSuperseded.Bind(context, request).ExecuteNonQuery();

        var insert = _insert.Bind(context, request);
        var extra = _insert.Extra;
        extra[0].Value = request.Connection.Name;
        extra[1].Value = (object?)request.Connection.AuthorizationModelId ?? DBNull.Value;
        extra[2].Value = (long)request.Kind;
        extra[3].Value = (object?)request.Tuple.Condition?.Name ?? DBNull.Value;
        extra[4].Value = (object?)request.ConditionContextJson ?? DBNull.Value;
        extra[5].Value = request.Now;
        insert.ExecuteNonQuery();
        // The row id is the sequence number; reading it from the connection spares a RETURNING result set.
        var sequence = SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle);
        context.Appended.Add(new AppendedTuple(request.Connection.StoreId, request.Tuple.Object, request.Tuple.Relation, request.Tuple.User, sequence));

        if (context.DeadLettersExist)
        {
            _deleteDeadLetters.Bind(context, request).ExecuteNonQuery();
        }

        return (sequence, 1 - superseded);
    }

    public void Dispose()
    {
        _findSameHash.Dispose();
        _deleteSuperseded.Command.Dispose();
        _insert.Command.Dispose();
        _deleteDeadLetters.Command.Dispose();
    }

    /// <summary>A prepared command with the tuple-identity parameters every append statement shares.</summary>
    private sealed class Statement
    {
        private readonly SqliteParameter _hash;
        private readonly SqliteParameter _store;
        private readonly SqliteParameter _user;
        private readonly SqliteParameter _relation;
        private readonly SqliteParameter _object;

        public Statement(SqliteConnection connection, string sql, params string[] extra)
        {
            Command = connection.CreateCommand();
            Command.CommandText = sql;
            _hash = Command.Parameters.Add("$hash", SqliteType.Integer);
            _store = Command.Parameters.Add("$store", SqliteType.Text);
            _user = Command.Parameters.Add("$user", SqliteType.Text);
            _relation = Command.Parameters.Add("$relation", SqliteType.Text);
            _object = Command.Parameters.Add("$object", SqliteType.Text);
            Extra = extra.Select(name => Command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        }

        public SqliteCommand Command { get; }

        public SqliteParameter[] Extra { get; }

        public SqliteCommand Bind(OutboxWriteContext context, in AppendRequest request)
        {
            Command.Transaction = context.Transaction;
            _hash.Value = request.TupleHash;
            _store.Value = request.Connection.StoreId;
            _user.Value = request.Tuple.User;
            _relation.Value = request.Tuple.Relation;
            _object.Value = request.Tuple.Object;
            return Command;
        }
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
