using System.Threading.Channels;
using Npgsql;
using TypedFga.Backends;
using static TypedFga.Outbox.PostgreSql.PostgreSqlCommands;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>
/// Group commit for the shared outbox: appends that callers make while a commit is under way wait for it, then go in
/// one transaction together, so concurrent callers share a round trip and a commit instead of paying one each.
/// </summary>
/// <remarks>
/// In a transaction the appends take their tuples' advisory locks in ascending order of tuple hash (appends on one
/// tuple keep their order): every node locks in that order, so two nodes' transactions can wait for each other but
/// never deadlock.
/// </remarks>
internal sealed class PostgreSqlAppendBatcher : IAsyncDisposable
{
    // Appends per transaction: enough to amortize a commit, few enough to keep one transaction's locks brief.
    private const int MaxBatch = 256;

    // Transactions in flight at once: a caller need not wait for a whole commit to start its own, while the callers
    // that arrive during one still share the next.
    private const int Writers = 4;

    private readonly NpgsqlDataSource _dataSource;
    private readonly Channel<Append> _queue = Channel.CreateUnbounded<Append>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public PostgreSqlAppendBatcher(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _writers = Enumerable.Range(0, Writers).Select(_ => Task.Run(WriteAsync)).ToArray();
    }

    /// <summary>Queues an append and returns its sequence number once its transaction has committed.</summary>
    public Task<long> AppendAsync(FgaConnection connection, OutboxOperationKind kind, TupleKey tuple, string? contextJson, long hash)
    {
        var append = new Append(connection, kind, tuple, contextJson, hash, new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(append))
        {
            throw new ObjectDisposedException(nameof(PostgreSqlOutboxStore), "The shared outbox is closed.");
        }

        return append.Committed.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers).ConfigureAwait(false);
    }

    private async Task WriteAsync()
    {
        var batch = new List<Append>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var append))
            {
                batch.Add(append);
            }

            try
            {
                var sequences = await CommitAsync(batch).ConfigureAwait(false);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Committed.TrySetResult(sequences[i]);
                }
            }
            catch (Exception exception)
            {
                // The transaction rolled back as a whole: none of these appends was acknowledged.
                foreach (var append in batch)
                {
                    append.Committed.TrySetException(exception);
                }
            }
        }
    }

    private async Task<long[]> CommitAsync(List<Append> appends)
    {
        // Stable: appends on one tuple keep the order they were made in.
        var ordered = appends.Select((append, position) => (append, position)).OrderBy(p => p.append.Hash).ThenBy(p => p.position).ToArray();
        await using var database = await _dataSource.OpenConnectionAsync().ConfigureAwait(false);
        await using var transaction = await database.BeginTransactionAsync().ConfigureAwait(false);
        await using var batch = new NpgsqlBatch(database, transaction);
        foreach (var (append, _) in ordered)
        {
            AddStatements(batch, append);
        }

        var sequences = new long[appends.Count];
        var next = 0;
        await using (var reader = await batch.ExecuteReaderAsync().ConfigureAwait(false))
        {
            // The inserts' sequence numbers are the only bigint results, one per append in the batch's order.
            do
            {
                if (reader.FieldCount == 1 && reader.GetFieldType(0) == typeof(long) && await reader.ReadAsync().ConfigureAwait(false))
                {
                    sequences[ordered[next++].position] = reader.GetInt64(0);
                }
            }
            while (await reader.NextResultAsync().ConfigureAwait(false));
        }

        await transaction.CommitAsync().ConfigureAwait(false);
        return sequences;
    }

    private static void AddStatements(NpgsqlBatch batch, Append append)
    {
        var (connection, kind, tuple, context, hash) = (append.Connection, append.Kind, append.Tuple, append.ContextJson, append.Hash);
        // Serializes appends on this tuple across nodes: the sequence number drawn next is then in commit order.
        batch.BatchCommands.Add(Command("SELECT pg_advisory_xact_lock($1)", hash));
        // The last operation on a tuple wins: a pending (not claimed) one is replaced.
        batch.BatchCommands.Add(Command(
            "DELETE FROM typedfga_outbox_operations WHERE tuple_hash = $1 AND lease_owner IS NULL " +
            "AND store_id = $2 AND subject = $3 AND relation = $4 AND object = $5",
            hash, connection.StoreId, tuple.User, tuple.Relation, tuple.Object));
        // A newer operation supersedes a dead-lettered one, so a later retry cannot bring an old grant back.
        batch.BatchCommands.Add(Command(
            "DELETE FROM typedfga_outbox_dead_letters WHERE tuple_hash = $1 AND store_id = $2 AND subject = $3 AND relation = $4 AND object = $5",
            hash, connection.StoreId, tuple.User, tuple.Relation, tuple.Object));
        batch.BatchCommands.Add(Command(
            "INSERT INTO typedfga_outbox_operations (tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, " +
            "condition_name, condition_context, enqueued_at, next_attempt_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, now(), now()) RETURNING seq",
            hash, connection.Name, connection.StoreId, Nullable(connection.AuthorizationModelId), (short)kind,
            tuple.User, tuple.Relation, tuple.Object, Nullable(tuple.Condition?.Name), Nullable(context)));
        // Delivered to every listening node when the transaction commits, not before: they forget cached answers the
        // operation can change (PostgreSqlOutboxListener).
        batch.BatchCommands.Add(Command(
            "SELECT pg_notify($1, currval(pg_get_serial_sequence('typedfga_outbox_operations', 'seq'))::text || $2)",
            PostgreSqlOutboxNotification.Channel, PostgreSqlOutboxNotification.FormatTail(connection.StoreId, tuple)));
    }

    private sealed record Append(
        FgaConnection Connection, OutboxOperationKind Kind, TupleKey Tuple, string? ContextJson, long Hash, TaskCompletionSource<long> Committed);
}
