using TypedFga.Wire;

namespace TypedFga.Tests.Embedded.Concurrency;

/// <summary>Dispose lets running reads finish on an open database, then refuses every request.</summary>
public sealed class EngineDisposalTests
{
    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task Dispose_waits_for_a_running_read_and_later_requests_fail(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        await fixture.WriteAsync([ApiTupleKey.Of("user:anne", "viewer", "document:1")], []);
        using var hold = fixture.HoldFirstRead();

        var held = Task.Factory.StartNew(
            () => fixture.CheckAsync("user:anne", "viewer", "document:1").GetAwaiter().GetResult(),
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Assert.True(hold.Inside.Wait(ConcurrentEngine.Guard));
        var dispose = Task.Factory.StartNew(fixture.Engine.Dispose, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Once a new check is refused, Dispose has begun; it cannot end while the held read runs.
        while (true)
        {
            try
            {
                await fixture.CheckAsync("user:anne", "viewer", "document:1");
                await Task.Yield();
            }
            catch (ObjectDisposedException)
            {
                break;
            }
        }

        Assert.False(dispose.IsCompleted);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => fixture.WriteAsync([ApiTupleKey.Of("user:bob", "viewer", "document:1")], []));

        hold.Release.Set();
        Assert.True(await held.WaitAsync(ConcurrentEngine.Guard));
        await dispose.WaitAsync(ConcurrentEngine.Guard);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => fixture.CheckAsync("user:anne", "viewer", "document:1"));
    }

    [Theory]
    [InlineData(ConcurrentEngine.Memory)]
    [InlineData(ConcurrentEngine.File)]
    public async Task Disposing_during_reads_from_many_threads_ends_each_with_an_answer_or_ObjectDisposedException(string database)
    {
        using var fixture = await ConcurrentEngine.CreateAsync(database);
        await fixture.WriteAsync([ApiTupleKey.Of("user:anne", "viewer", "document:1")], []);
        var checks = 0L;
        var readers = ConcurrentEngine.OnThreads(6, _ =>
        {
            while (true)
            {
                try
                {
                    Assert.True(fixture.CheckAsync("user:anne", "viewer", "document:1").GetAwaiter().GetResult());
                    fixture.Engine.ReadAsync(fixture.StoreId, new ReadRequest()).GetAwaiter().GetResult();
                    Interlocked.Increment(ref checks);
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
            }
        });

        var wait = new SpinWait();
        while (Interlocked.Read(ref checks) < 100)
        {
            wait.SpinOnce();
        }

        fixture.Engine.Dispose();
        await Task.WhenAll(readers).WaitAsync(ConcurrentEngine.Guard);
    }
}
