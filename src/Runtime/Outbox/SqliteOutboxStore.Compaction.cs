using Dapper;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>
    /// Hands the space of sent operations back to the file system and returns the bytes reclaimed (the file and its
    /// write-ahead log together). A file keeps its pages after a large backlog has been sent; pending operations and
    /// dead letters are kept.
    /// </summary>
    /// <remarks>
    /// SQLite rewrites the file (<c>VACUUM</c>) and holds its write lock until it ends, so grants and revokes of every
    /// process on the file wait meanwhile (and fail once they have waited ten seconds). Run it while the
    /// applications are idle or stopped, as the <c>typedfga compact</c> command does. The file is not kept compact
    /// as it goes (SQLite's auto-vacuum) because that costs every flush a little, for space a busy outbox reuses.
    /// </remarks>
    public override async Task<long> CompactAsync(CancellationToken cancellationToken = default)
    {
        var before = FileBytes();
        await using (var connection = OpenReadConnection())
        {
            await connection.ExecuteAsync(new CommandDefinition("VACUUM", cancellationToken: cancellationToken)).ConfigureAwait(false);
            // Empties the log into the file and truncates it, unless a reader still needs it; then it shrinks later.
            await connection.ExecuteAsync(new CommandDefinition("PRAGMA wal_checkpoint(TRUNCATE)", cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        var reclaimed = Math.Max(0, before - FileBytes());
        OutboxLog.Compacted(_logger, Path, reclaimed);
        return reclaimed;
    }

    private long FileBytes()
    {
        long Size(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;
        return Size(Path) + Size(Path + "-wal");
    }
}
