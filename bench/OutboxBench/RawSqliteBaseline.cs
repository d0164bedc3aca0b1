using Microsoft.Data.Sqlite;
using TypedFga.Outbox;

namespace TypedFga.Benchmarks.Outbox;

/// <summary>
/// The baselines for enqueueing: prepared INSERTs on a table of the outbox's shape with the same pragmas (WAL,
/// synchronous=NORMAL or FULL as the outbox's durability), and nothing else: no validation, no coalescing.
/// </summary>
internal static class RawSqliteBaseline
{
    /// <summary>One caller, one INSERT and COMMIT per row.</summary>
    public static double InsertPerSecond(string path, int count, OutboxDurability durability)
    {
        using var table = new RawOutboxTable(path, durability);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var transaction = table.Connection.BeginTransaction();
            table.Insert(transaction, i);
            transaction.Commit();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// <paramref name="callers"/> concurrent callers, each awaiting its row's commit; whoever finds the table idle
    /// commits every row queued meanwhile in one transaction (the simplest group commit). Its ratio between eight
    /// callers and one is what group commit can give on this machine for this table, before any outbox logic.
    /// </summary>
    public static async Task<double> GroupCommitPerSecond(string path, int count, int callers, OutboxDurability durability)
    {
        using var table = new RawOutboxTable(path, durability);
        var gate = new object();
        var queue = new List<(int Row, TaskCompletionSource Done)>();
        var draining = false;

        Task Submit(int row)
        {
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (gate)
            {
                queue.Add((row, done));
                if (draining)
                {
                    return done.Task;
                }

                draining = true;
            }

            while (true)
            {
                List<(int Row, TaskCompletionSource Done)> batch;
                lock (gate)
                {
                    if (queue.Count == 0)
                    {
                        draining = false;
                        return done.Task;
                    }

                    batch = queue;
                    queue = [];
                }

                using (var transaction = table.Connection.BeginTransaction())
                {
                    foreach (var (queued, _) in batch)
                    {
                        table.Insert(transaction, queued);
                    }

                    transaction.Commit();
                }

                foreach (var (_, completion) in batch)
                {
                    completion.SetResult();
                }
            }
        }

        var next = -1;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int row;
            while ((row = Interlocked.Increment(ref next)) < count)
            {
                await Submit(row).ConfigureAwait(false);
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>A fresh table of the outbox's shape (columns and indexes) and a prepared INSERT into it.</summary>
    private sealed class RawOutboxTable : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteParameter _hash;
        private readonly SqliteParameter _user;
        private readonly SqliteParameter _object;
        private readonly SqliteParameter _now;

        public RawOutboxTable(string path, OutboxDurability durability)
        {
            Connection = new SqliteConnection($"Data Source={path};Pooling=False");
            Connection.Open();
            Execute(durability == OutboxDurability.Full
                ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            Execute(
                "CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT, tuple_hash INTEGER NOT NULL, connection_name TEXT NOT NULL, " +
                "store_id TEXT NOT NULL, model_id TEXT NULL, kind INTEGER NOT NULL, subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, " +
                "condition_name TEXT NULL, condition_context TEXT NULL, enqueued_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, " +
                "next_attempt_at INTEGER NOT NULL, last_error TEXT NULL, lease_owner TEXT NULL);" +
                "CREATE INDEX IF NOT EXISTS ix_due ON ops (next_attempt_at, seq); CREATE INDEX IF NOT EXISTS ix_tuple ON ops (tuple_hash);");

            _insert = Connection.CreateCommand();
            _insert.CommandText =
                "INSERT INTO ops (tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, enqueued_at, next_attempt_at) " +
                "VALUES ($hash, 'default', $store, $model, 1, $user, 'viewer', $object, $now, $now)";
            _hash = _insert.Parameters.Add("$hash", SqliteType.Integer);
            _insert.Parameters.AddWithValue("$store", Workload.Connection.StoreId);
            _insert.Parameters.AddWithValue("$model", Workload.Connection.AuthorizationModelId);
            _user = _insert.Parameters.Add("$user", SqliteType.Text);
            _object = _insert.Parameters.Add("$object", SqliteType.Text);
            _now = _insert.Parameters.Add("$now", SqliteType.Integer);
        }

        public SqliteConnection Connection { get; }

        public void Insert(SqliteTransaction transaction, int row)
        {
            var tuple = Workload.Tuple(row);
            _insert.Transaction = transaction;
            // A well-mixed hash, as the outbox's tuple hash is: the index leaves it touches are spread like the outbox's.
            _hash.Value = unchecked(row * -7046029254386353131L);
            _user.Value = tuple.User;
            _object.Value = tuple.Object;
            _now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            _insert.ExecuteNonQuery();
        }

        public void Dispose()
        {
            _insert.Dispose();
            Connection.Dispose();
        }

        private void Execute(string sql)
        {
            using var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }
    }
}
