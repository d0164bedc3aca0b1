using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using TypedFga.Backends;
using TypedFga.Benchmarks.Outbox;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Benchmarks.PostgreSqlOutbox;

/// <summary>A backlog in the shared outbox, drained by one node or by several side by side.</summary>
internal static class DrainBench
{

    /// <summary>
    /// Queues <paramref name="count"/> grants on distinct tuples in one statement: the backlog an outage leaves. Their
    /// tuple hashes are made up, distinct as the tuples are; what is measured is the drain, not the appends.
    /// </summary>
    public static async Task FillAsync(string connectionString, FgaConnection connection, int count, string prefix)
    {
        await using var database = new NpgsqlConnection(connectionString);
        await database.OpenAsync();
        await using var insert = new NpgsqlCommand(
            "INSERT INTO typedfga_outbox_operations (tuple_hash, connection_name, store_id, kind, subject, relation, object, enqueued_at, next_attempt_at) " +
            "SELECT hashtextextended($3 || i, 0), $1, $2, $4, 'user:' || $3 || i, 'viewer', 'document:' || (i % 1000), now(), now() " +
            "FROM generate_series(1, $5) AS i",
            database);
        insert.Parameters.Add(new NpgsqlParameter { Value = connection.Name });
        insert.Parameters.Add(new NpgsqlParameter { Value = connection.StoreId });
        insert.Parameters.Add(new NpgsqlParameter { Value = prefix });
        insert.Parameters.Add(new NpgsqlParameter { Value = (short)OutboxOperationKind.Grant });
        insert.Parameters.Add(new NpgsqlParameter { Value = count });
        insert.CommandTimeout = 300;
        await insert.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE typedfga_outbox_operations", database);
        await analyze.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Drains the outbox with <paramref name="nodes"/> nodes, against a backend that answers each Write after
    /// <paramref name="writeLatency"/> (a server across a network), each its own store, connection pool and flusher with the
    /// default flush settings, flushing until nothing is left; returns how long it took.
    /// </summary>
    public static async Task<TimeSpan> DrainAsync(string connectionString, int nodes, TimeSpan writeLatency)
    {
        var stores = new List<PostgreSqlOutboxStore>();
        var backend = new LatencyBackend(writeLatency);
        try
        {
            var flushers = new List<OutboxFlusher>();
            for (var node = 0; node < nodes; node++)
            {
                var store = new PostgreSqlOutboxStore(NpgsqlDataSource.Create(connectionString), ownsDataSource: true, listen: false, timeProvider: null, logger: null);
                await store.InitializeAsync();
                stores.Add(store);
                flushers.Add(new OutboxFlusher(store, backend, Options.Create(new WriteBehindOptions())));
            }

            var clock = Stopwatch.StartNew();
            await Task.WhenAll(flushers.Select(async flusher =>
            {
                // A flush that found everything leased by the others returns early; the next one finds what they left.
                while ((await flusher.FlushAsync()).Sent > 0 || (await stores[0].GetPendingCountAsync()).Total > 0)
                {
                }
            }));
            return clock.Elapsed;
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }
}
