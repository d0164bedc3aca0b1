using System.Collections.Concurrent;
using BenchmarkDotNet.Attributes;

namespace TypedFga.Benchmarks.Checks;

/// <summary>
/// A check answered from the check cache through the generated API, <c>Fga.Document(456).Editors.Check(Fga.User("anne"))</c>,
/// against a <see cref="ConcurrentDictionary{TKey, TValue}"/> lookup of the same check by its strings, the key the
/// cache used before (store, user, relation, object), with the strings already built. Both hold
/// <see cref="BenchHost.Entries"/> answers. The "cycling" pair asks a different document each time.
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class CachedHitBenchmarks
{
    private readonly ConcurrentDictionary<(string Store, string User, string Relation, string Object), bool> _dictionary = new();
    private (string Store, string User, string Relation, string Object)[] _keys = [];
    private (string Store, string User, string Relation, string Object) _key;
    private CheckQuery _query = null!;
    private BenchHost _host = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchHost.StartAsync(cache: true).GetAwaiter().GetResult();
        var store = _host.Connection.StoreId;
        _keys = new (string, string, string, string)[BenchHost.Entries];
        for (var id = 0; id < BenchHost.Entries; id++)
        {
            _keys[id] = (store, "user:anne", "editor", "document:" + id);
            _dictionary[_keys[id]] = id == 456;
        }

        _key = _keys[456];
        _query = new CheckQuery("user:anne", "editor", "document:456");
        _host.Client.CheckAsync(_query).AsTask().GetAwaiter().GetResult();
        if (!TypedApiHit() || !ConcurrentDictionaryHit() || !UntypedClientHit())
        {
            throw new InvalidOperationException("Anne should edit document 456.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public bool ConcurrentDictionaryHit() => _dictionary.TryGetValue(_key, out var allowed) && allowed;

    [Benchmark]
    public bool TypedApiHit() => Fga.Document(456).Editors.Check(Fga.User("anne")).GetAwaiter().GetResult();

    [Benchmark]
    public bool UntypedClientHit() => _host.Client.CheckAsync(_query).GetAwaiter().GetResult();

    [Benchmark]
    public bool ConcurrentDictionaryHitCycling()
    {
        var id = Next();
        return _dictionary.TryGetValue(_keys[id], out var allowed) && allowed;
    }

    [Benchmark]
    public bool TypedApiHitCycling() => Fga.Document(Next()).Editors.Check(Fga.User("anne")).GetAwaiter().GetResult();

    private int Next()
    {
        var id = _next + 1;
        _next = id == BenchHost.Entries ? 0 : id;
        return _next;
    }
}
