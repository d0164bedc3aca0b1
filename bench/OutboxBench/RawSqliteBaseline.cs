using Microsoft.Data.Sqlite;
using TypedFga.Outbox;

namespace TypedFga.Benchmarks.Outbox;

/// <summary>
/// The baseline for enqueueing: one prepared INSERT and COMMIT per row on a table of the outbox's shape,
/// with the same pragmas (WAL, synchronous=NORMAL or FULL as the outbox's durability), and nothing else.
/// </summary>
internal static class RawSqliteBaseline
{
    public static double InsertPerSecond(string path, int count, OutboxDurability durability)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        Execute(connection, durability == OutboxDurability.Full
            ? "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
            : "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
        Execute(connection,
            "CREATE TABLE IF NOT EXISTS ops (seq INTEGER PRIMARY KEY AUTOINCREMENT, tuple_hash INTEGER NOT NULL, connection_name TEXT NOT NULL, " +
            "store_id TEXT NOT NULL, model_id TEXT NULL, kind INTEGER NOT NULL, subject TEXT NOT NULL, relation TEXT NOT NULL, object TEXT NOT NULL, " +
            "condition_name TEXT NULL, condition_context TEXT NULL, enqueued_at INTEGER NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, " +
            "next_attempt_at INTEGER NOT NULL, last_error TEXT NULL, lease_owner TEXT NULL);" +
            "CREATE INDEX IF NOT EXISTS ix_due ON ops (next_attempt_at, seq); CREATE INDEX IF NOT EXISTS ix_tuple ON ops (tuple_hash);");

        using var insert = connection.CreateCommand();
        insert.CommandText =
            "INSERT INTO ops (tuple_hash, connection_name, store_id, model_id, kind, subject, relation, object, enqueued_at, next_attempt_at) " +
            "VALUES ($hash, 'default', $store, $model, 1, $user, 'viewer', $object, $now, $now)";
        var hash = insert.Parameters.Add("$hash", SqliteType.Integer);
        insert.Parameters.AddWithValue("$store", Workload.Connection.StoreId);
        insert.Parameters.AddWithValue("$model", Workload.Connection.AuthorizationModelId);
        var user = insert.Parameters.Add("$user", SqliteType.Text);
        var obj = insert.Parameters.Add("$object", SqliteType.Text);
        var now = insert.Parameters.Add("$now", SqliteType.Integer);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            var tuple = Workload.Tuple(i);
            hash.Value = (long)i * 7919;
            user.Value = tuple.User;
            obj.Value = tuple.Object;
            now.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            insert.ExecuteNonQuery();
            transaction.Commit();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
