using Npgsql;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>
/// The shared outbox's tables in PostgreSQL and their migrations. The version lives in a one-row table; migrations
/// run under a transaction-scoped advisory lock, so nodes starting together migrate once and in order.
/// </summary>
internal static class PostgreSqlOutboxSchema
{
    // An arbitrary constant naming this library's migration lock among the database's advisory locks.
    private const long MigrationLock = 0x5479706564466761;

    private static readonly string[] Migrations =
    [
        // 1: operations (the sequence is global: one order per tuple across every node) and dead letters.
        """
        CREATE TABLE typedfga_outbox_operations (
            seq               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            tuple_hash        bigint      NOT NULL,
            connection_name   text        NOT NULL,
            store_id          text        NOT NULL,
            model_id          text        NULL,
            kind              smallint    NOT NULL,
            subject           text        NOT NULL,
            relation          text        NOT NULL,
            object            text        NOT NULL,
            condition_name    text        NULL,
            condition_context text        NULL,
            enqueued_at       timestamptz NOT NULL,
            attempts          integer     NOT NULL DEFAULT 0,
            next_attempt_at   timestamptz NOT NULL,
            last_error        text        NULL,
            lease_owner       text        NULL
        );
        CREATE INDEX ix_typedfga_outbox_operations_due ON typedfga_outbox_operations (next_attempt_at, seq);
        CREATE INDEX ix_typedfga_outbox_operations_tuple ON typedfga_outbox_operations (tuple_hash, seq);
        CREATE INDEX ix_typedfga_outbox_operations_relation ON typedfga_outbox_operations (store_id, relation, seq);
        CREATE TABLE typedfga_outbox_dead_letters (
            seq               bigint      PRIMARY KEY,
            tuple_hash        bigint      NOT NULL,
            connection_name   text        NOT NULL,
            store_id          text        NOT NULL,
            model_id          text        NULL,
            kind              smallint    NOT NULL,
            subject           text        NOT NULL,
            relation          text        NOT NULL,
            object            text        NOT NULL,
            condition_name    text        NULL,
            condition_context text        NULL,
            enqueued_at       timestamptz NOT NULL,
            attempts          integer     NOT NULL,
            dead_lettered_at  timestamptz NOT NULL,
            reason            smallint    NOT NULL,
            error_code        text        NULL,
            error_message     text        NULL
        );
        CREATE INDEX ix_typedfga_outbox_dead_letters_tuple ON typedfga_outbox_dead_letters (tuple_hash);
        """,
        // 2: the runs of the periodic (cron) flush, one row per schedule and fire time: the node that inserts it runs it.
        """
        CREATE TABLE typedfga_outbox_schedule_runs (
            schedule   text        NOT NULL,
            fire_time  timestamptz NOT NULL,
            node       text        NOT NULL,
            claimed_at timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (schedule, fire_time)
        );
        """,
    ];

    /// <summary>The schema version this code writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Brings the database to <see cref="CurrentVersion"/>.</summary>
    /// <exception cref="InvalidOperationException">The database holds a newer schema than this library knows.</exception>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({MigrationLock})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            connection,
            transaction,
            "CREATE TABLE IF NOT EXISTS typedfga_outbox_schema (id integer PRIMARY KEY CHECK (id = 1), version integer NOT NULL)",
            cancellationToken).ConfigureAwait(false);

        var version = await ReadVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL outbox '{connection.Database}' on {connection.Host} has schema version {version}, newer than this library's {CurrentVersion}. Upgrade TypedFga on every node.");
        }

        for (var next = version; next < CurrentVersion; next++)
        {
            await ExecuteAsync(connection, transaction, Migrations[next], cancellationToken).ConfigureAwait(false);
        }

        if (version < CurrentVersion)
        {
            await ExecuteAsync(
                connection,
                transaction,
                $"INSERT INTO typedfga_outbox_schema (id, version) VALUES (1, {CurrentVersion}) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version",
                cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version the database holds; 0 when the library's tables were never created.</summary>
    public static async Task<int> ReadVersionAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT version FROM typedfga_outbox_schema WHERE id = 1", connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is int version ? version : 0;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
