using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// Opens an existing outbox for a command, and says plainly why it cannot: no file there, a file that is not an
/// outbox, or one another process has locked; a shared database that cannot be reached, refuses the login or holds a
/// newer schema. Opening a path that does not exist would create an empty outbox there; a typo should be an error
/// instead.
/// </summary>
internal static class OutboxFile
{
    // How long a command waits for another process's lock before saying so, rather than the outbox's own 10 s and retries.
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(2);

    public static async Task<int> WithStoreAsync(WriteBehindOptions settings, Func<OutboxStore, Task<int>> action)
    {
        if (settings.Store == OutboxStoreKind.PostgreSql)
        {
            return await WithSharedStoreAsync(settings.ConnectionString!, action);
        }

        var path = settings.Outbox!;
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"No outbox at '{path}'. Pass the application's Fga:WriteBehind:Outbox path.", ExitCodes.Usage);
        }

        try
        {
            Probe(path);
            using var store = new SqliteOutboxStore(path, settings.Durability);
            return await action(store);
        }
        catch (SqliteException exception) when (IsLocked(exception))
        {
            throw new CommandFailedException($"The outbox '{path}' is locked by another process; try again once it lets go.");
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is SQLitePCL.raw.SQLITE_NOTADB or SQLitePCL.raw.SQLITE_CORRUPT)
        {
            throw new CommandFailedException($"'{path}' is not a readable outbox ({exception.Message.TrimEnd('.')}); it may be damaged or another kind of file.");
        }
        finally
        {
            // Pooled connections would keep the file open after the command.
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task<int> WithSharedStoreAsync(string connectionString, Func<OutboxStore, Task<int>> action)
    {
        await using var store = new PostgreSqlOutboxStore(connectionString);
        try
        {
            await store.InitializeAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // A refused login is a PostgresException (an NpgsqlException) whose message says so; the password is not in it.
            throw new CommandFailedException($"cannot open the shared outbox, {store.Location}: {exception.Message.TrimEnd('.')}.");
        }
        catch (InvalidOperationException exception)
        {
            // A newer schema than this tool knows.
            throw new CommandFailedException(exception.Message);
        }

        return await action(store);
    }

    /// <summary>Takes and drops the write lock the outbox needs to open, failing fast where another process holds it.</summary>
    private static void Probe(string path)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = (int)LockWait.TotalSeconds,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        // One statement per command: a failed command would still run the statements after the failing one.
        Execute(connection, $"PRAGMA busy_timeout = {(int)LockWait.TotalMilliseconds}");
        Execute(connection, "BEGIN IMMEDIATE");
        Execute(connection, "ROLLBACK");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = (int)LockWait.TotalSeconds;
        command.ExecuteNonQuery();
    }

    private static bool IsLocked(SqliteException exception) =>
        exception.SqliteErrorCode is SQLitePCL.raw.SQLITE_BUSY or SQLitePCL.raw.SQLITE_LOCKED;
}
