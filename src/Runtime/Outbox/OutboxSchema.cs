using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

/// <summary>
/// The outbox's tables and their migrations. The schema version lives in SQLite's <c>user_version</c>;
/// each migration runs once, in order, inside the transaction that records it.
/// </summary>
internal static class OutboxSchema
{
    private static readonly string[] Migrations =
    [
        // 1: operations and dead letters.
        """
        CREATE TABLE outbox_operations (
            seq               INTEGER PRIMARY KEY AUTOINCREMENT,
            tuple_hash        INTEGER NOT NULL,
            connection_name   TEXT    NOT NULL,
            store_id          TEXT    NOT NULL,
            model_id          TEXT    NULL,
            kind              INTEGER NOT NULL,
            subject           TEXT    NOT NULL,
            relation          TEXT    NOT NULL,
            object            TEXT    NOT NULL,
            condition_name    TEXT    NULL,
            condition_context TEXT    NULL,
            enqueued_at       INTEGER NOT NULL,
            attempts          INTEGER NOT NULL DEFAULT 0,
            next_attempt_at   INTEGER NOT NULL,
            last_error        TEXT    NULL,
            lease_owner       TEXT    NULL
        );
        CREATE INDEX ix_outbox_operations_due ON outbox_operations (next_attempt_at, seq);
        CREATE INDEX ix_outbox_operations_tuple ON outbox_operations (tuple_hash);
        CREATE TABLE outbox_dead_letters (
            seq               INTEGER PRIMARY KEY,
            tuple_hash        INTEGER NOT NULL,
            connection_name   TEXT    NOT NULL,
            store_id          TEXT    NOT NULL,
            model_id          TEXT    NULL,
            kind              INTEGER NOT NULL,
            subject           TEXT    NOT NULL,
            relation          TEXT    NOT NULL,
            object            TEXT    NOT NULL,
            condition_name    TEXT    NULL,
            condition_context TEXT    NULL,
            enqueued_at       INTEGER NOT NULL,
            attempts          INTEGER NOT NULL,
            dead_lettered_at  INTEGER NOT NULL,
            reason            INTEGER NOT NULL,
            error_code        TEXT    NULL,
            error_message     TEXT    NULL
        );
        CREATE INDEX ix_outbox_dead_letters_tuple ON outbox_dead_letters (tuple_hash);
        """,
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the file to <see cref="CurrentVersion"/>; safe when several processes open it at once.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        // BEGIN IMMEDIATE takes the write lock first, so a second process waits and then sees the new version.
        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The outbox '{connection.DataSource}' has schema version {version}, newer than this library's {CurrentVersion}. Upgrade TypedFga or use another outbox file.");
        }

        for (var next = version; next < CurrentVersion; next++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Migrations[next];
            command.ExecuteNonQuery();
        }

        if (version < CurrentVersion)
        {
            using var stamp = connection.CreateCommand();
            stamp.Transaction = transaction;
            // PRAGMA takes no parameters; the value is a compile-time constant.
            stamp.CommandText = "PRAGMA user_version = " + CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);
            stamp.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
