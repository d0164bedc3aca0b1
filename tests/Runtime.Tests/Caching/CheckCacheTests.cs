using Microsoft.Extensions.Time.Testing;
using TypedFga.Caching;
using TypedFga.Language;
using TypedFga.Tests;
using TypedFga.Typed;

namespace TypedFga.Runtime.Tests.Caching;

/// <summary>What the check cache remembers, and which local writes make it forget what, on the repository's model.</summary>
public sealed class CheckCacheTests
{
    private const string Store = "01HSTORE0000000000000000000";
    private static readonly CheckQuery Query = new("user:anne", "viewer", "document:1");
    private static readonly RelationDependencies Dependencies = RelationDependencies.FromModelJson(
        ModelJsonWriter.Write(FgaCompiler.Compile(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"))).Model!));

    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void An_answer_is_reused_until_its_time_to_live_ends()
    {
        var cache = NewCache(new CheckCacheOptions { Ttl = TimeSpan.FromSeconds(10) });
        Remember(cache, Query, allowed: true);

        _time.Advance(TimeSpan.FromSeconds(9));
        Assert.True(cache.TryGet(Store, Query, out var allowed));
        Assert.True(allowed);

        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void With_the_system_clock_an_answer_is_reused_and_a_zero_time_to_live_reuses_nothing()
    {
        var cache = new CheckCache(new CheckCacheOptions(), TimeProvider.System, Dependencies);
        Remember(cache, Query, allowed: true);
        Assert.True(cache.TryGet(Store, Query, out _));

        var expired = new CheckCache(new CheckCacheOptions { Ttl = TimeSpan.Zero }, TimeProvider.System, Dependencies);
        Remember(expired, Query, allowed: true);
        Assert.False(expired.TryGet(Store, Query, out _));
    }

    [Fact]
    public void Invalidating_everything_forgets_every_answer()
    {
        var cache = NewCache();
        Remember(cache, Query, allowed: true);

        cache.Invalidate();

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void An_answer_computed_while_a_write_it_depends_on_happened_is_not_remembered()
    {
        var cache = NewCache();
        var stamp = cache.Stamp(Store, Query);

        cache.Invalidate(Store, new TupleKey("user:anne", "editor", "document:1")); // the write overlapped the check
        cache.Store(Store, Query, allowed: false, stamp);

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void An_answer_computed_while_an_unrelated_write_happened_is_remembered()
    {
        var cache = NewCache();
        var stamp = cache.Stamp(Store, Query);

        cache.Invalidate(Store, new TupleKey("user:anne", "editor", "document:2"));
        cache.Store(Store, Query, allowed: true, stamp);

        Assert.True(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void Answers_are_kept_per_store()
    {
        var cache = NewCache();
        Remember(cache, Query, allowed: true);

        Assert.False(cache.TryGet("01HOTHER0000000000000000000", Query, out _));
    }

    [Fact]
    public void A_write_in_another_store_keeps_the_answers_of_this_one()
    {
        var cache = NewCache();
        Remember(cache, Query, allowed: true);

        cache.Invalidate("01HOTHER0000000000000000000", new TupleKey("user:anne", "viewer", "document:1"));
        cache.Invalidate("01HOTHER0000000000000000000", new TupleKey("user:anne", "member", "team:eng"));

        Assert.True(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void Checks_with_a_context_contextual_tuples_or_higher_consistency_are_not_cacheable()
    {
        Assert.True(CheckCache.IsCacheable(Query));
        Assert.True(CheckCache.IsCacheable(Query with { Context = new Dictionary<string, object?>() }));
        Assert.False(CheckCache.IsCacheable(Query with { Context = new Dictionary<string, object?> { ["now"] = 1 } }));
        Assert.False(CheckCache.IsCacheable(Query with { ContextualTuples = [new TupleKey("user:anne", "viewer", "document:2")] }));
        Assert.False(CheckCache.IsCacheable(Query with { Consistency = FgaConsistency.HigherConsistency }));
    }

    [Fact]
    public void Reaching_the_entry_limit_starts_over()
    {
        var cache = NewCache(new CheckCacheOptions { MaxEntries = 2 });
        Remember(cache, Query, true);
        Remember(cache, Query with { Object = "document:2" }, true);
        Remember(cache, Query with { Object = "document:3" }, false);

        Assert.False(cache.TryGet(Store, Query, out _));
        Assert.True(cache.TryGet(Store, Query with { Object = "document:3" }, out var third));
        Assert.False(third);
    }

    // A cached document:1#can_view for anne, and a write that cannot change it.
    [Theory]
    [InlineData("user:bob", "owner", "document:2")] // another object, reached only through its own relations
    [InlineData("user:anne", "owner", "document:2")] // the same user on another object
    [InlineData("folder:f", "parent", "document:2")] // another document's parent
    [InlineData("user:anne", "approver", "document:1")] // can_view does not depend on approver
    [InlineData("user:anne", "reader", "audit_log:1")] // another type
    [InlineData("user:anne", "maintainer", "team:eng")] // no path from maintainer
    public void A_write_that_cannot_change_the_answer_keeps_it(string user, string relation, string @object)
    {
        var cache = NewCache();
        var query = new CheckQuery("user:anne", "can_view", "document:1");
        Remember(cache, query, allowed: true);

        cache.Invalidate(Store, new TupleKey(user, relation, @object));

        Assert.True(cache.TryGet(Store, query, out _));
    }

    // A cached document:1#can_view for anne, and a write that can change it.
    [Theory]
    [InlineData("user:anne", "viewer", "document:1")] // the relation itself
    [InlineData("user:bob", "owner", "document:1")] // same object, computed: viewer <- editor <- owner
    [InlineData("user:anne", "blocked", "document:1")] // exclusion: the subtracted side of but not
    [InlineData("folder:f", "parent", "document:1")] // the tupleset of viewer from parent
    [InlineData("user:anne", "viewer", "folder:f")] // what viewer from parent reaches, on any document
    [InlineData("folder:g", "parent", "folder:f")] // nested folders
    [InlineData("user:anne", "member", "team:eng")] // membership of a userset the document may name
    [InlineData("team:core#member", "member", "team:eng")] // nested teams
    public void A_write_that_can_change_the_answer_drops_it(string user, string relation, string @object)
    {
        var cache = NewCache();
        var query = new CheckQuery("user:anne", "can_view", "document:1");
        Remember(cache, query, allowed: true);

        cache.Invalidate(Store, new TupleKey(user, relation, @object));

        Assert.False(cache.TryGet(Store, query, out _));
    }

    [Fact]
    public void Intersection_both_sides_drop_the_answer_on_the_same_object_only()
    {
        var cache = NewCache();
        var first = new CheckQuery("user:anne", "can_publish", "document:1");
        var second = first with { Object = "document:2" };
        Remember(cache, first, allowed: false);
        Remember(cache, second, allowed: false);

        cache.Invalidate(Store, new TupleKey("user:anne", "approver", "document:1"));

        Assert.False(cache.TryGet(Store, first, out _));
        Assert.True(cache.TryGet(Store, second, out _));

        Remember(cache, first, allowed: true);
        cache.Invalidate(Store, new TupleKey("user:anne", "editor", "document:1"));
        Assert.False(cache.TryGet(Store, first, out _));
    }

    [Fact]
    public void A_write_reaching_through_a_parent_drops_the_relation_on_every_object_of_the_type()
    {
        var cache = NewCache();
        var queries = new[] { "document:1", "document:2", "document:3" }.Select(o => new CheckQuery("user:anne", "viewer", o)).ToArray();
        var folderCheck = new CheckQuery("user:anne", "viewer", "folder:other");
        foreach (var query in queries.Append(folderCheck))
        {
            Remember(cache, query, allowed: false);
        }

        cache.Invalidate(Store, new TupleKey("user:anne", "viewer", "folder:f"));

        Assert.All(queries, query => Assert.False(cache.TryGet(Store, query, out _)));
        // Folders nest, so folder:other may be inside folder:f.
        Assert.False(cache.TryGet(Store, folderCheck, out _));
    }

    [Fact]
    public void A_write_on_a_relation_the_model_does_not_define_forgets_everything()
    {
        var cache = NewCache();
        Remember(cache, Query, allowed: true);

        cache.Invalidate(Store, new TupleKey("user:anne", "no_such_relation", "document:9"));

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void A_check_of_a_relation_the_model_does_not_define_is_forgotten_by_any_write()
    {
        var cache = NewCache();
        var unknown = new CheckQuery("user:anne", "viewer", "spreadsheet:1");
        Remember(cache, unknown, allowed: true);
        Remember(cache, Query, allowed: true);

        cache.Invalidate(Store, new TupleKey("user:anne", "reader", "audit_log:1"));

        Assert.False(cache.TryGet(Store, unknown, out _));
        Assert.True(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void Without_the_model_any_write_forgets_every_answer()
    {
        var cache = new CheckCache(new CheckCacheOptions(), _time);
        Remember(cache, Query, allowed: true);

        cache.Invalidate(Store, new TupleKey("user:anne", "reader", "audit_log:1"));

        Assert.False(cache.TryGet(Store, Query, out _));
    }

    [Fact]
    public void An_answer_remembered_in_parts_is_found_again_by_its_parts()
    {
        var cache = NewCache();
        var check = new CheckParts("document", FgaId.From(456), "viewer", new FgaSubjectParts("user", FgaId.From("anne")));
        cache.Store(Store, check, allowed: true, cache.Stamp(Store, check));

        Assert.True(cache.TryGet(Store, new CheckParts("document", FgaId.From(456), "viewer", new FgaSubjectParts("user", FgaId.From("anne"))), out var allowed));
        Assert.True(allowed);
        Assert.False(cache.TryGet(Store, new CheckParts("document", FgaId.From(457), "viewer", new FgaSubjectParts("user", FgaId.From("anne"))), out _));
        Assert.False(cache.TryGet(Store, new CheckParts("document", FgaId.From(456), "viewer", new FgaSubjectParts("team", FgaId.From("anne"), "member")), out _));
        Assert.False(cache.TryGet(Store, new CheckParts("document", FgaId.From(456), "editor", new FgaSubjectParts("user", FgaId.From("anne"))), out _));
    }

    [Theory]
    [InlineData("document:456", true)]
    [InlineData("document:4567", false)]
    public void A_write_of_the_object_string_drops_the_answer_remembered_for_its_number(string writtenObject, bool dropped)
    {
        var cache = NewCache();
        var check = new CheckParts("document", FgaId.From(456), "can_view", new FgaSubjectParts("user", FgaId.From("anne")));
        cache.Store(Store, check, allowed: true, cache.Stamp(Store, check));

        cache.Invalidate(Store, new TupleKey("user:bob", "owner", writtenObject));

        Assert.Equal(!dropped, cache.TryGet(Store, check, out _));
    }

    [Fact]
    public void A_write_of_the_object_string_drops_the_answer_remembered_for_its_guid()
    {
        var cache = NewCache();
        var id = Guid.Parse("0F8FAD5B-D9CB-469F-A165-70867728950E");
        var check = new CheckParts("document", FgaId.From(id), "viewer", new FgaSubjectParts("user", FgaId.From("anne")));
        cache.Store(Store, check, allowed: true, cache.Stamp(Store, check));

        cache.Invalidate(Store, new TupleKey("user:bob", "editor", "document:" + FgaObjectId.Format(id)));

        Assert.False(cache.TryGet(Store, check, out _));
    }

    private CheckCache NewCache(CheckCacheOptions? options = null) => new(options ?? new CheckCacheOptions(), _time, Dependencies);

    private static void Remember(CheckCache cache, CheckQuery query, bool allowed) =>
        cache.Store(Store, query, allowed, cache.Stamp(Store, query));
}
