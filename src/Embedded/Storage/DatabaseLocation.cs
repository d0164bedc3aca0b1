using Microsoft.Data.Sqlite;

namespace TypedFga.Embedded.Storage;

/// <summary>
/// Where the engine's database lives. A file named by the connection string is used as given. An in-memory
/// connection string (<c>:memory:</c>, an empty data source, or <c>Mode=Memory</c>) becomes a private temporary
/// file in WAL mode instead, deleted when the engine is disposed: SQLite's plain in-memory database belongs to a
/// single connection, and its shared-cache form lets connections see one database but runs their statements one
/// at a time (every step holds the shared cache's mutex; 8 readers on 2 cores measured no faster than 1), so
/// only a WAL file gives readers that run in parallel with each other and with the writer. The file needs no
/// durability, so it runs with <c>synchronous=OFF</c>; its pages stay in the operating system's cache.
/// </summary>
internal sealed record DatabaseLocation(string ConnectionString, string Synchronous, string? TemporaryFile)
{
    public static DatabaseLocation Resolve(string connectionString, string synchronous)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!IsInMemory(builder))
        {
            return new DatabaseLocation(connectionString, synchronous, null);
        }

        var file = Path.Combine(Path.GetTempPath(), $"typedfga-engine-{Guid.NewGuid():N}.db");
        var temporary = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,

            // The engine keeps its connections open itself; with Microsoft.Data.Sqlite's pool they would stay
            // open after Dispose and keep the deleted file's space.
            Pooling = false,
        };
        return new DatabaseLocation(temporary.ToString(), "OFF", file);
    }

    /// <summary>Deletes the temporary file with its WAL and shared-memory files, once every connection is closed.</summary>
    public void DeleteTemporaryFile()
    {
        if (TemporaryFile is null)
        {
            return;
        }

        foreach (var path in new[] { TemporaryFile, TemporaryFile + "-wal", TemporaryFile + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Left in the temporary directory; it holds nothing the engine will read again.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private static bool IsInMemory(SqliteConnectionStringBuilder builder) =>
        builder.Mode == SqliteOpenMode.Memory
        || builder.DataSource is "" or ":memory:"
        || builder.DataSource.StartsWith("file::memory:", StringComparison.OrdinalIgnoreCase)
        || builder.DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase);
}
