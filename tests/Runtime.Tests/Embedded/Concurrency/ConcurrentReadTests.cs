using System.Text.Json.Nodes;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded.Concurrency;

/// <summary>
/// Reads from many threads while writes happen: answers stay right, a write is seen whole or not at all, a
/// check that starts after a write returned sees it, and reads are in flight at the same time.
/// </summary>
public sealed class ConcurrentReadTests
{
    private const int Documents = 10;

    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task Checks_during_writes_see_each_write_whole_or_not_at_all(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        var tuples = Enumerable.Range(0, Documents)
            .SelectMany(d => new[] { ApiTupleKey.Of("user:anne", "viewer", $"document:{d}"), ApiTupleKey.Of("user:anne", "editor", $"document:{d}") })
            .ToList();
        var checks = 0L;
        var writing = true;
        var seen = new bool[2];
        const int checkers = 6;

        // Each write adds or removes all twenty tuples at once. viewer_only (viewer but not editor) is true only
        // if a check reads viewer after a write and editor before it, or the other way round; and a batch sees
        // viewer and editor of a document equal.
        var checkerFailed = false;
        var writer = ConcurrentEngine.OnThreads(1, _ =>
        {
            for (var round = 0; round < 100 && !Volatile.Read(ref checkerFailed); round++)
            {
                var present = round % 2 == 0;
                fixture.WriteAsync(present ? tuples : [], present ? [] : tuples).GetAwaiter().GetResult();

                // Let the checkers run between writes, so that both states are read.
                var target = Interlocked.Read(ref checks) + checkers;
                var wait = new SpinWait();
                while (Interlocked.Read(ref checks) < target && !Volatile.Read(ref checkerFailed))
                {
                    wait.SpinOnce();
                }
            }

            Volatile.Write(ref writing, false);
        });
        var readers = ConcurrentEngine.OnThreads(checkers, index =>
        {
            var random = new Random(index);
            try
            {
                CheckWhileWriting(random);
            }
            catch
            {
                // The writer would otherwise wait for this checker's checks.
                Volatile.Write(ref checkerFailed, true);
                throw;
            }
        });

        void CheckWhileWriting(Random random)
        {
            while (Volatile.Read(ref writing))
            {
                var document = $"document:{random.Next(Documents)}";
                Assert.False(fixture.CheckAsync("user:anne", "viewer_only", document).GetAwaiter().GetResult(), $"{document}: half of a write was seen");
                var batch = fixture.Engine.BatchCheckAsync(fixture.StoreId, new BatchCheckRequest
                {
                    Checks =
                    [
                        new BatchCheckItem { CorrelationId = "viewer", TupleKey = TupleKeyWithoutCondition.Of("user:anne", "viewer", document) },
                        new BatchCheckItem { CorrelationId = "editor", TupleKey = TupleKeyWithoutCondition.Of("user:anne", "editor", document) },
                    ],
                }).GetAwaiter().GetResult();
                Assert.All(batch.Result.Values, result => Assert.Null(Assert.IsType<BatchCheckSingleResult>(result).Error));
                var viewer = batch.Result["viewer"]?.Allowed == true;
                Assert.Equal(viewer, batch.Result["editor"]?.Allowed == true);
                seen[viewer ? 1 : 0] = true;
                Interlocked.Increment(ref checks);
            }
        }

        await Task.WhenAll([.. writer, .. readers]).WaitAsync(ConcurrentEngine.Guard * 4);
        Assert.True(seen[0] && seen[1], "the checks read both states");
    }

    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task A_check_that_starts_after_a_write_returned_sees_it(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        var returned = 0;
        var writing = true;
        var writer = ConcurrentEngine.OnThreads(1, _ =>
        {
            for (var i = 0; i < 200; i++)
            {
                fixture.WriteAsync([ApiTupleKey.Of($"user:u{i}", "viewer", "document:log")], []).GetAwaiter().GetResult();
                Volatile.Write(ref returned, i + 1);
            }

            Volatile.Write(ref writing, false);
        });
        var readers = ConcurrentEngine.OnThreads(4, _ =>
        {
            while (Volatile.Read(ref writing))
            {
                var count = Volatile.Read(ref returned);
                if (count == 0)
                {
                    continue;
                }

                Assert.True(fixture.CheckAsync($"user:u{count - 1}", "viewer", "document:log").GetAwaiter().GetResult(), $"write {count - 1} returned but a later check missed it");
                Assert.False(fixture.CheckAsync("user:never", "viewer", "document:log").GetAwaiter().GetResult());
            }
        });

        await Task.WhenAll([.. writer, .. readers]).WaitAsync(ConcurrentEngine.Guard * 4);
    }

    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task Two_checks_are_in_flight_at_once(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        await fixture.WriteAsync([ApiTupleKey.Of("user:anne", "viewer", "document:1")], []);

        // Each check waits inside its read until the other is inside its own; one at a time, they would not meet.
        using var bothInside = new Barrier(2);
        fixture.Engine.WhileReading = () =>
        {
            if (!bothInside.SignalAndWait(ConcurrentEngine.Guard))
            {
                throw new TimeoutException("the other check never started its read");
            }
        };

        var checks = ConcurrentEngine.OnThreads(2, _ => Assert.True(fixture.CheckAsync("user:anne", "viewer", "document:1").GetAwaiter().GetResult()));
        await Task.WhenAll(checks).WaitAsync(ConcurrentEngine.Guard * 3);
    }

    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task A_write_does_not_wait_for_a_read_in_flight(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        using var hold = fixture.HoldFirstRead();

        var held = ConcurrentEngine.OnThreads(1, _ => fixture.CheckAsync("user:anne", "viewer", "document:1").GetAwaiter().GetResult());
        Assert.True(hold.Inside.Wait(ConcurrentEngine.Guard));

        await fixture.WriteAsync([ApiTupleKey.Of("user:anne", "viewer", "document:1")], []).WaitAsync(ConcurrentEngine.Guard);
        Assert.True(await fixture.CheckAsync("user:anne", "viewer", "document:1"));

        hold.Release.Set();
        await held[0].WaitAsync(ConcurrentEngine.Guard);
    }

    [Fact]
    public async Task Conditions_evaluate_each_check_with_its_own_context_from_many_threads()
    {
        // The compiled condition of a model is shared by every read in flight.
        using var fixture = await EngineFixture.CreateAsync();
        await fixture.WriteAsync(ApiTupleKey.Of("user:anne", "editor", "document:1", new ApiRelationshipCondition
        {
            Name = "in_office",
            Context = new JsonObject { ["cidr"] = "10.0.0.0/8", ["until"] = "2030-01-01T00:00:00Z" },
        }));

        var checks = ConcurrentEngine.OnThreads(6, index =>
        {
            for (var i = 0; i < 300; i++)
            {
                var inside = (i + index) % 2 == 0;
                var context = new JsonObject { ["ip"] = inside ? "10.1.2.3" : "192.168.0.1", ["now"] = "2026-01-01T00:00:00Z" };
                Assert.Equal(inside, fixture.CheckAsync("user:anne", "editor", "document:1", context).GetAwaiter().GetResult());
            }
        });

        await Task.WhenAll(checks).WaitAsync(ConcurrentEngine.Guard * 2);
    }
}
