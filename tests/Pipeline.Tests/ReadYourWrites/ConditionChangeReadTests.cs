using System.Globalization;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// A grant that changes the condition of a tuple OpenFGA already holds replaces it (README, "Changing a condition").
/// Until it is flushed, a check must answer as if the replacement had happened: the stored tuple with its old
/// condition no longer grants anything, whatever kind of tuple it is (a user, a wildcard, a userset, a tupleset).
/// </summary>
public sealed class ConditionChangeReadTests
{
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_pending_grant_that_adds_a_condition_is_read_as_replacing_the_plain_tuple()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" });
        await host.StartAsync();
        var plain = new TupleKey("user:anne", "viewer", "document:d");
        var forAnHour = plain with { Condition = NonExpired(TimeSpan.FromHours(1)) };
        var twoHoursLater = new Dictionary<string, object?> { ["current_time"] = Timestamp(GrantedAt.AddHours(2)) };

        await host.Client.GrantAsync(plain);
        await host.Cache.FlushAsync();
        Assert.True(await host.Client.CheckAsync(new CheckQuery(plain.User, "viewer", plain.Object, twoHoursLater)));

        // The grant returned: from now on anne views the document only within the hour after GrantedAt.
        await host.Client.GrantAsync(forAnHour);

        Assert.False(
            await host.Client.CheckAsync(new CheckQuery(plain.User, "viewer", plain.Object, twoHoursLater)),
            "Two hours after the grant time, a check allowed anne through the plain tuple that the acknowledged conditioned grant replaced.");

        await host.Cache.FlushAsync();
        Assert.False(await host.Client.CheckAsync(new CheckQuery(plain.User, "viewer", plain.Object, twoHoursLater)));
    }

    [Fact]
    public async Task A_pending_grant_that_drops_a_condition_is_read_as_replacing_the_conditioned_tuple()
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" });
        await host.StartAsync();
        var plain = new TupleKey("user:anne", "viewer", "document:d");
        var twoHoursLater = new Dictionary<string, object?> { ["current_time"] = Timestamp(GrantedAt.AddHours(2)) };

        await host.Client.GrantAsync(plain with { Condition = NonExpired(TimeSpan.FromHours(1)) });
        await host.Cache.FlushAsync();
        Assert.False(await host.Client.CheckAsync(new CheckQuery(plain.User, "viewer", plain.Object, twoHoursLater)));

        await host.Client.GrantAsync(plain);

        Assert.True(await host.Client.CheckAsync(new CheckQuery(plain.User, "viewer", plain.Object, twoHoursLater)));
    }

    // README: GrantNow and critical relations write through, and with write-behind off every write does "with the same
    // API"; a grant that changes a condition replaces the tuple there too.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_grant_written_through_that_adds_a_condition_replaces_the_plain_tuple(bool writeBehind)
    {
        await using var host = PipelineHost.Build(new Dictionary<string, string?>
        {
            ["Fga:WriteBehind:Enabled"] = writeBehind ? "true" : "false",
            ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
        });
        await host.StartAsync();
        var plain = new TupleKey("user:anne", "viewer", "document:d");
        var twoHoursLater = new CheckQuery(plain.User, "viewer", plain.Object, new Dictionary<string, object?> { ["current_time"] = Timestamp(GrantedAt.AddHours(2)) });
        await host.Client.GrantAsync(plain, WriteMode.Immediate);
        Assert.True(await host.Client.CheckAsync(twoHoursLater));

        await host.Client.GrantAsync(plain with { Condition = NonExpired(TimeSpan.FromHours(1)) }, WriteMode.Immediate);

        Assert.False(await host.Client.CheckAsync(twoHoursLater));
    }

    // The conditions model: account#spender admits user:* and team#member with under_limit, account#owner a team with it.
    [Theory]
    [InlineData("account:a#spender@user:*", 50)]
    [InlineData("account:a#spender@team:t#member", null)]
    [InlineData("account:a#owner@team:t", null)]
    public async Task A_pending_grant_that_tightens_a_condition_is_read_as_replacing_the_stored_tuple(string tuple, int? storedLimit)
    {
        await using var host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" },
            model: ModelUniverse.Named("conditions").Model);
        await host.StartAsync();
        var (objectAndRelation, user) = (tuple[..tuple.IndexOf('@', StringComparison.Ordinal)], tuple[(tuple.IndexOf('@', StringComparison.Ordinal) + 1)..]);
        var key = new TupleKey(user, objectAndRelation[(objectAndRelation.IndexOf('#', StringComparison.Ordinal) + 1)..], objectAndRelation[..objectAndRelation.IndexOf('#', StringComparison.Ordinal)]);
        var spend30 = new CheckQuery("user:u0", "spender", "account:a", new Dictionary<string, object?> { ["amount"] = 30 });

        await host.Client.GrantAsync(new TupleKey("user:u0", "member", "team:t"));
        await host.Client.GrantAsync(key with { Condition = storedLimit is { } limit ? UnderLimit(limit) : null });
        await host.Cache.FlushAsync();
        Assert.True(await host.Client.CheckAsync(spend30));

        // The grant returned: from now on the tuple admits amounts under 10 only.
        await host.Client.GrantAsync(key with { Condition = UnderLimit(10) });

        Assert.False(
            await host.Client.CheckAsync(spend30),
            $"A check of an amount of 30 allowed u0 through {tuple}{(storedLimit is { } l ? $" with a limit of {l}" : "")} as stored, which the acknowledged grant with a limit of 10 replaced.");

        await host.Cache.FlushAsync();
        Assert.False(await host.Client.CheckAsync(spend30));
    }

    // Per tuple the last operation wins (README), also among operations still pending: nothing is flushed here.
    [Theory]
    [InlineData(10, 100, true)]
    [InlineData(null, 10, false)]
    [InlineData(10, null, true)]
    public async Task Of_two_pending_grants_of_one_tuple_the_later_decides(int? firstLimit, int? laterLimit, bool allowedAt30)
    {
        await using var host = PipelineHost.Build(
            new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" },
            model: ModelUniverse.Named("conditions").Model);
        await host.StartAsync();
        var member = new TupleKey("user:u0", "member", "team:t");

        await host.Client.GrantAsync(member with { Condition = firstLimit is { } first ? UnderLimit(first) : null });
        await host.Client.GrantAsync(member with { Condition = laterLimit is { } later ? UnderLimit(later) : null });

        Assert.Equal(allowedAt30, await host.Client.CheckAsync(new CheckQuery(member.User, member.Relation, member.Object, new Dictionary<string, object?> { ["amount"] = 30 })));
        await host.Cache.FlushAsync();
        Assert.Equal(allowedAt30, await host.Client.CheckAsync(new CheckQuery(member.User, member.Relation, member.Object, new Dictionary<string, object?> { ["amount"] = 30 })));
    }

    private static RelationshipCondition UnderLimit(int limit) => new("under_limit", new Dictionary<string, object?> { ["limit"] = limit });

    private static RelationshipCondition NonExpired(TimeSpan duration) => new("non_expired", new Dictionary<string, object?>
    {
        ["grant_time"] = Timestamp(GrantedAt),
        ["grant_duration"] = $"{(long)duration.TotalSeconds}s",
    });

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
