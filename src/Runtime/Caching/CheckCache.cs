using System.Collections.Concurrent;

namespace TypedFga.Caching;

/// <summary>
/// Remembers check answers for a short time. Every local grant or revoke moves the cache to a new generation,
/// and an answer is reused only in the generation it was computed in, so no answer from before a local write is
/// ever served after it (fail closed). Checks with a request context or contextual tuples are not cached.
/// </summary>
public sealed class CheckCache(CheckCacheOptions options, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<(string Store, string User, string Relation, string Object), Entry> _entries = new();
    private long _generation;

    /// <summary>The current generation; take it before computing an answer and pass it to <see cref="Store"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Whether <paramref name="query"/> may be cached at all.</summary>
    public static bool IsCacheable(CheckQuery query) =>
        query is { Context: null or { Count: 0 }, ContextualTuples: null or { Count: 0 } };

    /// <summary>Marks every remembered answer stale: called when a local write starts and when it ends.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>The remembered answer, if one is still valid.</summary>
    public bool TryGet(string storeId, CheckQuery query, out bool allowed)
    {
        if (_entries.TryGetValue((storeId, query.User, query.Relation, query.Object), out var entry)
            && entry.Generation == Generation
            && timeProvider.GetTimestamp() < entry.ExpiresAt)
        {
            allowed = entry.Allowed;
            return true;
        }

        allowed = false;
        return false;
    }

    /// <summary>Remembers an answer computed in <paramref name="generation"/>.</summary>
    public void Store(string storeId, CheckQuery query, bool allowed, long generation)
    {
        if (generation != Generation)
        {
            return;
        }

        if (_entries.Count >= options.MaxEntries)
        {
            _entries.Clear();
        }

        var expiresAt = timeProvider.GetTimestamp() + (long)(options.Ttl.TotalSeconds * timeProvider.TimestampFrequency);
        _entries[(storeId, query.User, query.Relation, query.Object)] = new Entry(allowed, generation, expiresAt);
    }

    private readonly record struct Entry(bool Allowed, long Generation, long ExpiresAt);
}
