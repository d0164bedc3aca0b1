using System.Diagnostics;
using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.Bench;

/// <summary>
/// A store filled with a given number of tuples: the few tuples the measured checks need, and the rest
/// unrelated (other documents, folders and groups with their own viewers and members), written 100 per request.
/// </summary>
internal sealed class BenchStore
{
    public const string Model = """
        {"schema_version":"1.1","type_definitions":[
          {"type":"user"},
          {"type":"group","relations":{"member":{"this":{}}},
           "metadata":{"relations":{"member":{"directly_related_user_types":[{"type":"user"},{"type":"group","relation":"member"}]}}}},
          {"type":"folder","relations":{"parent":{"this":{}},
             "viewer":{"union":{"child":[{"this":{}},{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}]}}},
           "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"folder"}]},
             "viewer":{"directly_related_user_types":[{"type":"user"},{"type":"group","relation":"member"}]}}}},
          {"type":"document","relations":{"parent":{"this":{}},
             "viewer":{"union":{"child":[{"this":{}},{"tupleToUserset":{"tupleset":{"relation":"parent"},"computedUserset":{"relation":"viewer"}}}]}}},
           "metadata":{"relations":{"parent":{"directly_related_user_types":[{"type":"folder"}]},
             "viewer":{"directly_related_user_types":[{"type":"user"},{"type":"group","relation":"member"}]}}}}]}
        """;

    private const int BatchSize = 100;

    private BenchStore(string storeId, string modelId, double tuplesPerSecond, double medianWriteMicroseconds)
    {
        StoreId = storeId;
        ModelId = modelId;
        TuplesPerSecond = tuplesPerSecond;
        MedianWriteMicroseconds = medianWriteMicroseconds;
    }

    public string StoreId { get; }

    public string ModelId { get; }

    public double TuplesPerSecond { get; }

    public double MedianWriteMicroseconds { get; }

    public static async Task<BenchStore> FillAsync(EmbeddedOpenFga engine, int size)
    {
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "bench" });
        var model = await engine.WriteAuthorizationModelAsync(store.Id, Model);

        // The measured paths: a direct tuple, a 3-level folder chain, a 3-level nested group.
        var measured = new List<ApiTupleKey>
        {
            ApiTupleKey.Of("user:direct", "viewer", "document:direct"),
            ApiTupleKey.Of("folder:chain1", "parent", "document:chain"),
            ApiTupleKey.Of("folder:chain2", "parent", "folder:chain1"),
            ApiTupleKey.Of("folder:chain3", "parent", "folder:chain2"),
            ApiTupleKey.Of("user:chain", "viewer", "folder:chain3"),
            ApiTupleKey.Of("group:nest1#member", "viewer", "document:nested"),
            ApiTupleKey.Of("group:nest2#member", "member", "group:nest1"),
            ApiTupleKey.Of("group:nest3#member", "member", "group:nest2"),
            ApiTupleKey.Of("user:nested", "member", "group:nest3"),
        };

        var writeTimes = new List<double>();
        var total = Stopwatch.StartNew();
        await WriteAsync(engine, store.Id, model.AuthorizationModelId, measured, writeTimes);
        var batch = new List<ApiTupleKey>(BatchSize);
        for (var i = measured.Count; i < size; i++)
        {
            batch.Add(Unrelated(i));
            if (batch.Count == BatchSize)
            {
                await WriteAsync(engine, store.Id, model.AuthorizationModelId, batch, writeTimes);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await WriteAsync(engine, store.Id, model.AuthorizationModelId, batch, writeTimes);
        }

        total.Stop();
        return new BenchStore(store.Id, model.AuthorizationModelId, size / total.Elapsed.TotalSeconds, Statistics.Median(writeTimes));
    }

    /// <summary>Unrelated tuples of every kind the measured checks read: direct viewers, parents, group members.</summary>
    private static ApiTupleKey Unrelated(int i) => (i % 4) switch
    {
        0 => ApiTupleKey.Of($"user:u{i % 5_000}", "viewer", $"document:d{i / 4}"),
        1 => ApiTupleKey.Of($"folder:f{i % 10_000}", "parent", $"document:d{i / 4}"),
        2 => ApiTupleKey.Of($"user:u{i % 5_000}", "member", $"group:g{i / 40}"),
        _ => ApiTupleKey.Of($"group:g{i % 2_000}#member", "viewer", $"folder:f{i / 4}"),
    };

    private static async Task WriteAsync(EmbeddedOpenFga engine, string storeId, string modelId, List<ApiTupleKey> tuples, List<double> times)
    {
        var started = Stopwatch.GetTimestamp();
        await engine.WriteAsync(storeId, new WriteRequest
        {
            AuthorizationModelId = modelId,
            Writes = new WriteRequestWrites { TupleKeys = tuples.ToList() },
        });
        times.Add(Stopwatch.GetElapsedTime(started).TotalMicroseconds);
    }
}
