using BenchmarkDotNet.Attributes;

namespace TypedFga.Benchmarks.Checks;

/// <summary>
/// A check that the cache does not answer (it is off): through the generated API and the client, against the
/// backend's own check of the same query (the embedded engine in memory).
/// </summary>
[MemoryDiagnoser]
[MedianColumn]
public class UncachedCheckBenchmarks
{
    private BenchHost _host = null!;
    private CheckQuery _query = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = BenchHost.StartAsync(cache: false).GetAwaiter().GetResult();
        _query = new CheckQuery("user:anne", "editor", "document:456");
        if (!BackendCheck() || !TypedApiCheck())
        {
            throw new InvalidOperationException("Anne should edit document 456.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _host.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public bool BackendCheck() => _host.Backend.CheckAsync(_host.Connection, _query).GetAwaiter().GetResult();

    [Benchmark]
    public bool TypedApiCheck() => Fga.Document(456).Editors.Check(Fga.User("anne")).AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public bool UntypedClientCheck() => _host.Client.CheckAsync(_query).AsTask().GetAwaiter().GetResult();
}
