using System.Globalization;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Wire;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// Random grants (with and without a condition, so conditions change), revokes and flushes over real HTTP while the
/// server refuses some writes and cuts the connection after applying others. Afterwards every tuple on the server is
/// exactly what the last operation on it asked for, condition included.
/// </summary>
public sealed class ServerChaosTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private const int Tuples = 8;
    private const int Operations = 150;
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public void Dispose()
    {
        server.Faults.Reset();
        server.Writes.DropAnswersAfterApplying(0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_tuple_ends_as_its_last_operation_asked_condition_included(int seed)
    {
        var store = await server.CreateStoreAsync();
        await using var host = await PipelineHost.StartAsync(server, store);
        var random = new Random(seed);
        var expected = new Dictionary<int, TupleKey?>();
        var faults = 0;
        for (var i = 0; i < Operations; i++)
        {
            var index = random.Next(Tuples);
            var roll = random.Next(10);
            if (roll < 3)
            {
                await host.Client.RevokeAsync(Viewer(index, hours: null));
                expected[index] = null;
            }
            else
            {
                var tuple = Viewer(index, hours: roll < 6 ? null : roll < 8 ? 1 : 48);
                await host.Client.GrantAsync(tuple);
                expected[index] = tuple;
            }

            switch (random.Next(10))
            {
                case 0:
                    server.Faults.FailNext(random.Next(1, 3), 503, "unavailable", "the server is restarting",
                        request => request.Path.Value == $"/stores/{store}/write");
                    faults++;
                    break;
                case 1:
                    server.Writes.DropAnswersAfterApplying(1);
                    faults++;
                    break;
            }

            if (random.Next(4) == 0)
            {
                await host.Cache.FlushAsync();
            }
        }

        server.Faults.Reset();
        server.Writes.DropAnswersAfterApplying(0);
        // Failed operations come back after the hosts' short test backoff.
        for (var round = 0; round < 50 && (await host.Cache.GetPendingCountAsync()).Total > 0; round++)
        {
            await Task.Delay(60);
            await host.Cache.FlushAsync();
        }

        Assert.True(faults > 0, "No fault was injected: the test proved nothing.");
        Assert.Equal(0, (await host.Cache.GetPendingCountAsync()).Total);
        Assert.Empty(await host.Cache.GetDeadLettersAsync());
        var stored = (await server.Engine.ReadAsync(store, new ReadRequest { PageSize = 100 })).Tuples!
            .ToDictionary(t => t.Key!.Object!, t => t.Key!);
        for (var index = 0; index < Tuples; index++)
        {
            var want = expected.GetValueOrDefault(index);
            var have = stored.GetValueOrDefault($"document:d{index}");
            Assert.True(Describe(want) == Describe(have), $"document:d{index}: last operation asked for {Describe(want)}, the server holds {Describe(have)} (seed {seed}).");
        }
    }

    private static TupleKey Viewer(int index, int? hours) =>
        new($"user:u{index}", "viewer", $"document:d{index}",
            hours is { } h
                ? new RelationshipCondition("non_expired", new Dictionary<string, object?>
                {
                    ["grant_time"] = GrantedAt.ToString("O", CultureInfo.InvariantCulture),
                    ["grant_duration"] = $"{h * 3600}s",
                })
                : null);

    private static string Describe(TupleKey? tuple) =>
        tuple is null ? "nothing" : tuple.Condition is { } condition ? $"a grant with {condition.Name} for {condition.Context!["grant_duration"]}" : "a plain grant";

    private static string Describe(ApiTupleKey? tuple) =>
        tuple is null ? "nothing" : tuple.Condition is { } condition ? $"a grant with {condition.Name} for {condition.Context?["grant_duration"]}" : "a plain grant";
}
