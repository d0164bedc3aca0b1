using TypedFga.Backends;

namespace TypedFga.Benchmarks.Outbox;

/// <summary>An OpenFGA stand-in that answers every Write after a fixed delay, as a server across a network would.</summary>
internal sealed class LatencyBackend(TimeSpan latency) : IFgaBackend
{
    private long _tuples;
    private long _requests;

    public long Tuples => Interlocked.Read(ref _tuples);

    public long Requests => Interlocked.Read(ref _requests);

    public async Task WriteAsync(FgaConnection connection, IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, CancellationToken cancellationToken = default)
    {
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);
        }

        Interlocked.Add(ref _tuples, writes.Count + deletes.Count);
        Interlocked.Increment(ref _requests);
    }

    public Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default) => Task.FromResult(false);
}
