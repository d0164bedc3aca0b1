using Microsoft.Extensions.Time.Testing;
using TypedFga.Caching;

namespace TypedFga.Runtime.Tests.Caching;

public sealed class CheckCacheTests
{
    private const string Store = "01HSTORE0000000000000000000";
    private static readonly CheckQuery Query = new("user:anne", "viewer", "document:1");
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_answer_is_reused_until_its_time_to_live_ends()
    {
        var cache = new CheckCache(new CheckCacheOptions { Ttl = TimeSpan.FromSeconds(10) }, _time);
        cache.Store(Store, Query, allowed: true, cache.Generation);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(cache.TryGet(Store, Query, out var allowed));
        Assert.True(allowed);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void A_local_write_makes_every_remembered_answer_stale()
    {
        var cache = new CheckCache(new CheckCacheOptions(), _time);
        cache.Store(Store, Query, allowed: true, cache.Generation);

        cache.Invalidate();

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void An_answer_computed_while_a_write_happened_is_not_remembered()
    {
        var cache = new CheckCache(new CheckCacheOptions(), _time);
        var generation = cache.Generation;

        cache.Invalidate(); // a write overlapped the check
        cache.Store(Store, Query, allowed: true, generation);

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void Answers_are_kept_per_store()
    {
        var cache = new CheckCache(new CheckCacheOptions(), _time);
        cache.Store(Store, Query, allowed: true, cache.Generation);

        Assert.False(cache.TryGet("01HOTHER0000000000000000000", Query, out _));
    }

    [Fact]
    public void Checks_with_a_context_or_contextual_tuples_are_not_cacheable()
    {
        Assert.True(CheckCache.IsCacheable(Query));
        Assert.False(CheckCache.IsCacheable(Query with { Context = new Dictionary<string, object?> { ["now"] = 1 } }));
        Assert.False(CheckCache.IsCacheable(Query with { ContextualTuples = [new TupleKey("user:anne", "viewer", "document:2")] }));
    }

    [Fact]
    public void Reaching_the_entry_limit_starts_over()
    {
        var cache = new CheckCache(new CheckCacheOptions { MaxEntries = 2 }, _time);
        cache.Store(Store, Query, true, cache.Generation);
        cache.Store(Store, Query with { Object = "document:2" }, true, cache.Generation);
        cache.Store(Store, Query with { Object = "document:3" }, false, cache.Generation);

        Assert.False(cache.TryGet(Store, Query, out _));
        Assert.True(cache.TryGet(Store, Query with { Object = "document:3" }, out var third));
        Assert.False(third);
    }
}
