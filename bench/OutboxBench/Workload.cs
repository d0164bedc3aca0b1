using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Benchmarks.Outbox;

/// <summary>The tuples and outboxes the scenarios use.</summary>
internal static class Workload
{
    public static FgaConnection Connection { get; } = new("default", "01HBENCHSTORE00000000000000", "01HBENCHMODEL00000000000000");

    public static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i % 5000}");

    public static SqliteOutboxStore OpenStore(string path, OutboxDurability durability = OutboxDurability.Normal) =>
        new(path, durability);

    public static OutboxFlusher CreateFlusher(SqliteOutboxStore store, IFgaBackend backend) =>
        new(store, backend, Options.Create(new WriteBehindOptions { Outbox = store.Path }));

    /// <summary>Enqueues <paramref name="count"/> grants from <paramref name="callers"/> concurrent callers; returns operations per second.</summary>
    public static async Task<double> EnqueuePerSecondAsync(OutboxStore store, int count, int callers, int offset = 0)
    {
        var next = offset - 1;
        var last = offset + count;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < last)
            {
                await store.GrantAsync(Connection, Tuple(i)).ConfigureAwait(false);
            }
        })).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        return count / watch.Elapsed.TotalSeconds;
    }

    public static string FreshPath(BenchSettings settings, string name)
    {
        Directory.CreateDirectory(settings.Directory);
        var path = Path.Combine(settings.Directory, $"{name}-{Guid.NewGuid():N}.db");
        return path;
    }

    public static void Delete(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
