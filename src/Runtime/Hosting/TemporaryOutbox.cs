using Microsoft.Data.Sqlite;

namespace TypedFga.Hosting;

/// <summary>
/// The private outbox file of a host on the in-memory embedded engine (see <c>AddFga</c>): created under the
/// system's temporary folder and deleted, with its write-ahead log, when the host's services are disposed.
/// </summary>
internal sealed class TemporaryOutbox : IDisposable
{
    private string? _path;

    /// <summary>The file's path; chosen on first use.</summary>
    public string Path => LazyInitializer.EnsureInitialized(ref _path, static () =>
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "TypedFga", $"outbox-{Environment.ProcessId}-{Guid.NewGuid():N}.db"));

    /// <summary>Deletes the file. The outbox store is disposed first: it was created after this object.</summary>
    public void Dispose()
    {
        if (Volatile.Read(ref _path) is not { } path)
        {
            return;
        }

        // Idle pooled connections keep the file open.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Still open somewhere (a store not disposed yet): the system's temporary folder is cleaned eventually.
            }
            catch (UnauthorizedAccessException)
            {
                // As above, on Windows.
            }
        }
    }
}
