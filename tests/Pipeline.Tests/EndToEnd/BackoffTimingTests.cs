using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>Retries wait the configured backoff, measured on the host's TimeProvider.</summary>
public sealed class BackoffTimingTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    public void Dispose() => server.Faults.Reset();

    [Fact]
    public async Task A_failing_operation_is_retried_after_10_then_30_then_60_seconds()
    {
        var store = await server.CreateStoreAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
        await using var host = await PipelineHost.StartAsync(
            server,
            store,
            settings =>
            {
                // The default backoff (10 s, 30 s, 60 s) instead of the tests' short one.
                settings.Remove("Fga:WriteBehind:Backoff:0");
            },
            services => services.AddSingleton<TimeProvider>(clock));
        server.Faults.FailNext(3, 503, "unavailable", "the datastore is unavailable", IsWriteTo(store));
        await host.Client.GrantAsync(new TupleKey("user:anne", "viewer", "document:d"));

        Assert.Equal(1, (await host.Cache.FlushAsync()).Failed);
        var afterFirst = Assert.Single(await host.Cache.GetPendingOperationsAsync());
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), afterFirst.NextAttemptAt);
        Assert.Equal(1, afterFirst.Attempts);
        Assert.Equal(1, server.Arrivals.WriteAttempts(store));
        Assert.Equal("unavailable: the datastore is unavailable", afterFirst.LastError);

        foreach (var (wait, attempt) in new[] { (10, 2), (30, 3), (60, 4) })
        {
            clock.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            var early = await host.Cache.FlushAsync();
            Assert.Equal(0, early.Sent + early.Failed);
            Assert.Equal(attempt - 1, Assert.Single(await host.Cache.GetPendingOperationsAsync()).Attempts);
            Assert.Equal(attempt - 1, server.Arrivals.WriteAttempts(store));

            clock.Advance(TimeSpan.FromMilliseconds(1));
            var due = await host.Cache.FlushAsync();
            Assert.Equal(attempt < 4 ? (0, 1) : (1, 0), (due.Sent, due.Failed));
            if (attempt < 4)
            {
                Assert.Equal(attempt, Assert.Single(await host.Cache.GetPendingOperationsAsync()).Attempts);
            }
        }

        // Three refusals by the fault plan, then the one that succeeded.
        Assert.Equal(0, server.Faults.Pending);
        Assert.Equal(4, server.Arrivals.WriteAttempts(store));

        Assert.Equal(["document:d#viewer@user:anne"], await server.ReadTuplesAsync(store));
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
    }

    private static Func<Microsoft.AspNetCore.Http.HttpRequest, bool> IsWriteTo(string store) =>
        request => request.Path.Value == $"/stores/{store}/write";
}
