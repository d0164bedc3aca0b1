using Dapper;
using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// The engine's SQLite database in WAL mode: one writer connection, which the engine uses for one write at a
/// time (SQLite has a single writer), and a pool of reader connections, each with its own prepared statements,
/// so that reads run in parallel with each other and with the writer. In WAL mode a reader sees the last
/// commit made before its read transaction started and never waits for the writer, nor the writer for it.
/// </summary>
internal sealed class FgaDatabase : IDisposable
{
    private readonly FgaReaderPool _readers;

    /// <param name="connectionString">The SQLite connection string.</param>
    /// <param name="synchronous">SQLite's <c>synchronous</c> setting for a file database.</param>
    /// <param name="idleReaders">Reader connections kept open between requests.</param>
    /// <param name="owner">The type a read after disposal names in its <see cref="ObjectDisposedException"/>.</param>
    public FgaDatabase(string connectionString, string synchronous, int idleReaders, Type owner)
    {
        Location = DatabaseLocation.Resolve(connectionString, synchronous);
        var connection = new SqliteConnection(Location.ConnectionString);
        try
        {
            connection.Open();
            WaitWhenBusy(connection);
            connection.Execute("PRAGMA journal_mode=WAL;");
            connection.Execute($"PRAGMA synchronous={Location.Synchronous};");
            connection.Execute("PRAGMA temp_store=MEMORY;");
            connection.Execute(FgaSchema.Create);
            Writer = new FgaWriter(connection);
        }
        catch
        {
            connection.Dispose();
            Location.DeleteTemporaryFile();
            throw;
        }

        _readers = new FgaReaderPool(OpenReader, idleReaders, owner);
    }

    /// <summary>Where the database lives, with the temporary file of the in-memory default.</summary>
    public DatabaseLocation Location { get; }

    /// <summary>The writer; the caller runs one write at a time.</summary>
    public FgaWriter Writer { get; }

    /// <summary>A reader for one request, to be given back with <see cref="ReturnReader"/>.</summary>
    public FgaReader RentReader() => _readers.Rent();

    public void ReturnReader(FgaReader reader) => _readers.Return(reader);

    /// <summary>Waits for the rented readers, then closes every connection (and deletes a temporary file).</summary>
    public void Dispose()
    {
        _readers.Dispose();
        Writer.Dispose();
        Location.DeleteTemporaryFile();
    }

    private FgaReader OpenReader()
    {
        var connection = new SqliteConnection(Location.ConnectionString);
        try
        {
            connection.Open();
            WaitWhenBusy(connection);
            connection.Execute("PRAGMA temp_store=MEMORY;");

            // A reader never writes; should a bug try, SQLite refuses rather than taking the write lock.
            connection.Execute("PRAGMA query_only=ON;");
            return new FgaReader(connection, ownsConnection: true);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Lets SQLite itself wait (up to 30 s, Microsoft.Data.Sqlite's command timeout) when the database is busy,
    /// as another process's checkpoint can make it: Microsoft.Data.Sqlite retries its own commands, but not the
    /// native statements.
    /// </summary>
    private static void WaitWhenBusy(SqliteConnection connection) => connection.Execute("PRAGMA busy_timeout=30000;");
}
