using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Hosting;
using TypedFga.Language;
using TypedFga.Tests;
using TypedFga.Typed;

namespace TypedFga.Runtime.Tests.Caching;

/// <summary>
/// The check cache as FgaClient uses it, against a backend that can hold a check or a write in flight, so that each
/// interleaving of a check with a write is played out deterministically.
/// </summary>
public sealed class CachedCheckTests
{
    private const string Store = "01HSTORE0000000000000000000";
    private static readonly FgaModelInfo Model = new(
        ModelJsonWriter.Write(FgaCompiler.Compile(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"))).Model!),
        []);

    private static readonly TupleKey AnneViews = new("user:anne", "viewer", "document:1");
    private static readonly CheckQuery CanAnneView = new("user:anne", "viewer", "document:1");

    private readonly GatedBackend _backend = new();
    private readonly FgaClient _client;

    public CachedCheckTests()
    {
        var connections = new FgaConnectionRegistry(Options.Create(new FgaOptions { StoreId = Store }), Model);
        var cache = new CheckCache(new CheckCacheOptions(), new FakeTimeProvider(), RelationDependencies.FromModelJson(Model.Json));
        _client = new FgaClient(_backend, connections, Model, writeBehind: null, cache: cache);
    }

    [Fact]
    public async Task A_check_that_began_before_a_write_and_ended_after_it_is_not_served_again()
    {
        var held = _backend.HoldNextCheck();
        var check = _client.CheckAsync(CanAnneView).AsTask();
        await held.Entered; // the answer is computed: false, from before the write

        await _client.GrantAsync(AnneViews, WriteMode.Immediate);
        held.Release();

        Assert.False(await check);
        Assert.True(await _client.CheckAsync(CanAnneView));
        Assert.Equal(2, _backend.Checks.Count);
    }

    [Fact]
    public async Task A_check_answered_while_a_write_is_under_way_is_not_served_after_it()
    {
        var held = _backend.HoldNextWrite();
        var grant = _client.GrantAsync(AnneViews, WriteMode.Immediate).AsTask();
        await held.Entered; // the write has started and is not applied yet

        Assert.False(await _client.CheckAsync(CanAnneView));
        held.Release();
        await grant;

        Assert.True(await _client.CheckAsync(CanAnneView));
        Assert.Equal(2, _backend.Checks.Count);
    }

    [Fact]
    public async Task A_check_whose_answer_was_computed_after_the_write_was_applied_but_before_it_ended_is_not_served_after_it()
    {
        var write = _backend.HoldNextWriteAfterApplying();
        var grant = _client.GrantAsync(AnneViews, WriteMode.Immediate).AsTask();
        await write.Entered; // applied, but the client has not seen the write end

        Assert.True(await _client.CheckAsync(CanAnneView));
        write.Release();
        await grant;

        Assert.True(await _client.CheckAsync(CanAnneView));
        Assert.True(await _client.CheckAsync(CanAnneView));
        // The answer computed during the write is dropped at its end (it could have been either); the next one stays.
        Assert.Equal(2, _backend.Checks.Count);
    }

    [Fact]
    public async Task A_revoke_is_never_followed_by_the_answer_from_before_it()
    {
        _backend.Seed(AnneViews);
        Assert.True(await _client.CheckAsync(CanAnneView));
        Assert.True(await _client.CheckAsync(CanAnneView));
        Assert.Single(_backend.Checks);

        await _client.RevokeAsync(AnneViews, WriteMode.Immediate);

        Assert.False(await _client.CheckAsync(CanAnneView));
    }

    [Fact]
    public async Task A_write_that_cannot_change_the_answer_leaves_it_cached()
    {
        Assert.False(await _client.CheckAsync(CanAnneView));

        await _client.GrantAsync(new TupleKey("user:anne", "viewer", "document:2"), WriteMode.Immediate);
        await _client.GrantAsync(new TupleKey("user:anne", "approver", "document:1"), WriteMode.Immediate);

        Assert.False(await _client.CheckAsync(CanAnneView));
        Assert.Single(_backend.Checks);
    }

    [Fact]
    public async Task Higher_consistency_neither_reads_nor_fills_the_cache_and_reaches_the_backend()
    {
        var fresh = CanAnneView with { Consistency = FgaConsistency.HigherConsistency };

        await _client.CheckAsync(fresh);
        await _client.CheckAsync(fresh);
        Assert.Equal(2, _backend.Checks.Count);
        Assert.All(_backend.Checks, query => Assert.Equal(FgaConsistency.HigherConsistency, query.Consistency));

        await _client.CheckAsync(CanAnneView); // not stored by the checks before: asked
        await _client.CheckAsync(CanAnneView); // stored now: served
        Assert.Equal(3, _backend.Checks.Count);
        Assert.Equal(FgaConsistency.MinimizeLatency, _backend.Checks.Last().Consistency);

        await _client.CheckAsync(fresh); // a cached answer exists; it is not read
        Assert.Equal(4, _backend.Checks.Count);
    }

    [Fact]
    public async Task Checks_in_parts_are_cached_and_invalidated_like_their_queries()
    {
        ICheckByParts byParts = _client;
        var check = new CheckParts("document", FgaId.From(1), "viewer", new FgaSubjectParts("user", FgaId.From("anne")));

        Assert.False(await byParts.CheckAsync(check, FgaConsistency.MinimizeLatency, CancellationToken.None));
        Assert.False(await byParts.CheckAsync(check, FgaConsistency.MinimizeLatency, CancellationToken.None));
        Assert.Single(_backend.Checks);
        Assert.Equal(CanAnneView, _backend.Checks.Single());

        await _client.GrantAsync(AnneViews, WriteMode.Immediate);
        Assert.True(await byParts.CheckAsync(check, FgaConsistency.MinimizeLatency, CancellationToken.None));
        Assert.True(await byParts.CheckAsync(check, FgaConsistency.HigherConsistency, CancellationToken.None));
        Assert.Equal(3, _backend.Checks.Count);
        Assert.Equal(FgaConsistency.HigherConsistency, _backend.Checks.Last().Consistency);
    }

    [Fact]
    public async Task A_cached_check_of_a_query_allocates_nothing()
    {
        await _client.CheckAsync(CanAnneView);
        for (var i = 0; i < 2_000; i++)
        {
            _ = _client.CheckAsync(CanAnneView);
        }

        // No await in between: the measured calls all run on this thread.
        var answered = 0;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20_000; i++)
        {
            answered += _client.CheckAsync(CanAnneView).IsCompletedSuccessfully ? 1 : 0;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(20_000, answered);
        Assert.Single(_backend.Checks);
    }

    /// <summary>Direct tuples only; the next check or write can be held in flight until released.</summary>
    private sealed class GatedBackend : IFgaBackend
    {
        private readonly object _gate = new();
        private readonly HashSet<(string User, string Relation, string Object)> _tuples = [];
        private Hold? _nextCheck;
        private Hold? _nextWrite;
        private bool _holdWriteAfterApplying;

        public ConcurrentQueue<CheckQuery> Checks { get; } = new();

        public void Seed(TupleKey tuple)
        {
            lock (_gate)
            {
                _tuples.Add((tuple.User, tuple.Relation, tuple.Object));
            }
        }

        public Hold HoldNextCheck() => _nextCheck = new Hold();

        public Hold HoldNextWrite() => _nextWrite = new Hold();

        public Hold HoldNextWriteAfterApplying()
        {
            _holdWriteAfterApplying = true;
            return _nextWrite = new Hold();
        }

        public async Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
        {
            Checks.Enqueue(query);
            bool allowed;
            lock (_gate)
            {
                allowed = _tuples.Contains((query.User, query.Relation, query.Object));
            }

            if (Interlocked.Exchange(ref _nextCheck, null) is { } hold)
            {
                await hold.WaitAsync();
            }

            return allowed;
        }

        public async Task WriteAsync(
            FgaConnection connection, IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, CancellationToken cancellationToken = default)
        {
            var hold = Interlocked.Exchange(ref _nextWrite, null);
            var afterApplying = _holdWriteAfterApplying;
            if (hold is not null && !afterApplying)
            {
                await hold.WaitAsync();
            }

            lock (_gate)
            {
                foreach (var tuple in deletes)
                {
                    _tuples.Remove((tuple.User, tuple.Relation, tuple.Object));
                }

                foreach (var tuple in writes)
                {
                    _tuples.Add((tuple.User, tuple.Relation, tuple.Object));
                }
            }

            if (hold is not null && afterApplying)
            {
                await hold.WaitAsync();
            }
        }
    }

    /// <summary>A call held in flight: <see cref="Entered"/> completes when it arrives, and it goes on at <see cref="Release"/>.</summary>
    private sealed class Hold
    {
        private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Entered => _entered.Task;

        public void Release() => _released.SetResult();

        public Task WaitAsync()
        {
            _entered.SetResult();
            return _released.Task;
        }
    }
}
