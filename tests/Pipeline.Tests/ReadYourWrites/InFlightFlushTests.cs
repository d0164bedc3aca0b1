using System.Globalization;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Server.Faults;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// An operation on a tuple whose earlier operation is being flushed waits in the outbox behind it (README, "an
/// operation on a tuple whose flush is in flight waits for the next flush"). Per tuple the last operation wins, so a
/// check made meanwhile, or after the earlier one landed, must read the later one.
/// </summary>
public sealed class InFlightFlushTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Dispose() => server.Faults.Reset();

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public async Task A_check_while_the_earlier_grant_is_sent_reads_the_condition_of_the_later_one(bool firstConditioned, bool allowedLater)
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var plain = new TupleKey("user:anne", "viewer", "document:roadmap");
        var forAnHour = plain with { Condition = NonExpired(TimeSpan.FromHours(1)) };
        var twoHoursLater = new CheckQuery(plain.User, plain.Relation, plain.Object, new Dictionary<string, object?> { ["current_time"] = Timestamp(GrantedAt.AddHours(2)) });
        await host.Client.GrantAsync(firstConditioned ? forAnHour : plain);

        // The flush's Write request is held at the server for a second.
        server.Faults.Enqueue(Fault.Latency(TimeSpan.FromSeconds(1)), 1, request => request.Path.Value == $"/stores/{store}/write");
        var flush = host.Cache.FlushAsync();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(server.Arrivals.WriteAttempts(store) == 1)), "The flush never reached the server.");
        await host.Client.GrantAsync(firstConditioned ? plain : forAnHour);

        var allowed = await host.Client.CheckAsync(twoHoursLater);
        await flush;

        Assert.True(
            allowed == allowedLater,
            $"While the grant {(firstConditioned ? "with non_expired" : "without a condition")} was being sent, a check after the later grant " +
            $"{(firstConditioned ? "without a condition" : "with non_expired (expired at the checked time)")} {(allowed ? "allowed" : "denied")}, as the earlier grant would.");
        for (var round = 0; round < 10 && (await host.Cache.GetPendingCountAsync()).Total > 0; round++)
        {
            await host.Cache.FlushAsync();
        }

        Assert.Equal(allowedLater, await host.Client.CheckAsync(twoHoursLater));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_revoke_queued_behind_its_tuples_grant_in_flight_is_read_while_and_after_the_grant_lands(bool checkWhileInFlight)
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var anne = new TupleKey("user:anne", "viewer", "document:roadmap");
        await host.Client.GrantAsync(anne);

        server.Faults.Enqueue(Fault.Latency(TimeSpan.FromMilliseconds(500)), 1, request => request.Path.Value == $"/stores/{store}/write");
        var flush = host.Cache.FlushAsync();
        Assert.True(await Eventually.TrueAsync(() => Task.FromResult(server.Arrivals.WriteAttempts(store) == 1)), "The flush never reached the server.");
        await host.Client.RevokeAsync(anne);
        if (checkWhileInFlight)
        {
            Assert.False(
                await host.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)),
                "While the grant was being sent, a check after its revoke returned allowed.");
        }

        await flush;
        if (!checkWhileInFlight)
        {
            Assert.Equal([anne.ToString()], await server.ReadTuplesAsync(store));
            Assert.Equal(new(0, 1), await host.Cache.GetPendingCountAsync());
        }

        Assert.False(
            await host.Client.CheckAsync(new CheckQuery(anne.User, anne.Relation, anne.Object)),
            "After the grant landed, a check after its revoke returned allowed.");
    }

    private static RelationshipCondition NonExpired(TimeSpan duration) => new("non_expired", new Dictionary<string, object?>
    {
        ["grant_time"] = Timestamp(GrantedAt),
        ["grant_duration"] = $"{(long)duration.TotalSeconds}s",
    });

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
