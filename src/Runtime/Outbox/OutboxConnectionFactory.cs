using Microsoft.Data.Sqlite;

namespace TypedFga.Outbox;

/// <summary>Creates the outbox file (owner-only) and opens connections to it with the outbox's pragmas.</summary>
internal sealed class OutboxConnectionFactory
{
    private readonly string _connectionString;
    private readonly string _pragmas;

    public OutboxConnectionFactory(string path, OutboxDurability durability)
    {
        Path = path;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();

        // SQLite's compiled-in default is FULL even in WAL mode; every connection states its own setting.
        _pragmas = durability == OutboxDurability.Full
            ? "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;"
            : "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 10000;";
    }

    public string Path { get; }

    /// <summary>Creates the folder and the file with owner-only permissions if they do not exist yet.</summary>
    public void EnsureFile()
    {
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        if (File.Exists(Path))
        {
            return;
        }

        try
        {
            // Created empty with mode 0600 before SQLite opens it; SQLite gives its -wal and -shm files the same mode.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(Path, options);
        }
        catch (IOException) when (File.Exists(Path))
        {
            // Another process created it first.
        }
    }

    /// <summary>Opens a pooled connection and applies the durability pragmas.</summary>
    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Switches the file to write-ahead logging; the mode is stored in the file.</summary>
    public static void EnableWriteAheadLog(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = command.ExecuteScalar() as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"The outbox '{connection.DataSource}' could not switch to WAL mode (it reports '{mode}').");
        }
    }
}
