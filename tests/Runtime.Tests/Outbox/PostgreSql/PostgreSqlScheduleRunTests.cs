using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Runtime.Tests.Outbox.PostgreSql;

/// <summary>The periodic (cron) flush fires once per cluster: the node that claims a run in the shared outbox runs it.</summary>
public sealed class PostgreSqlScheduleRunTests
{
    [PostgreSqlFact]
    public async Task A_periodic_run_is_claimed_by_one_node_only()
    {
        await using var database = await PostgreSqlServer.CreateDatabaseAsync();
        await using var nodeA = new PostgreSqlOutboxStore(database.ConnectionString);
        await using var nodeB = new PostgreSqlOutboxStore(database.ConnectionString);
        var fireTime = new DateTimeOffset(2026, 12, 2, 3, 0, 0, TimeSpan.Zero);

        var claims = await Task.WhenAll(
            nodeA.TryClaimScheduledRunAsync("0 0 3 * * ?", fireTime, "a", CancellationToken.None),
            nodeB.TryClaimScheduledRunAsync("0 0 3 * * ?", fireTime, "b", CancellationToken.None));

        Assert.Single(claims, claimed => claimed);
        // The next run, and another schedule's run at the same time, are claimed afresh.
        Assert.True(await nodeB.TryClaimScheduledRunAsync("0 0 3 * * ?", fireTime.AddDays(1), "b", CancellationToken.None));
        Assert.True(await nodeB.TryClaimScheduledRunAsync("0 */5 * * * ?", fireTime, "b", CancellationToken.None));
    }
}
