using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

public sealed class WriteBehindOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_match_the_documented_values()
    {
        var options = new WriteBehindOptions();

        Assert.True(new WriteBehindOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(OutboxDurability.Normal, options.Durability);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(5), options.FlushInterval);
        Assert.Equal(100, options.MaxTuplesPerWrite);
        Assert.Equal(10, options.MaxParallelRequests);
        Assert.Equal(0, options.MaxAttempts);
        Assert.Equal(CriticalRelationPolicy.WriteThrough, options.CriticalRelations);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RequestTimeout);
        Assert.Equal(new[] { 10, 30, 60, 60, 60 }, Enumerable.Range(1, 5).Select(a => (int)options.GetBackoff(a).TotalSeconds).ToArray());
    }

    [Fact]
    public void The_default_outbox_lives_outside_the_content_root()
    {
        var path = new WriteBehindOptions().ResolveOutboxPath();

        Assert.True(Path.IsPathRooted(path));
        Assert.EndsWith(Path.Combine("TypedFga", AppDomain.CurrentDomain.FriendlyName, "outbox.db"), path, StringComparison.Ordinal);
        Assert.False(path.StartsWith(Directory.GetCurrentDirectory() + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var options = new WriteBehindOptions
        {
            Durability = (OutboxDurability)7,
            CriticalRelations = (CriticalRelationPolicy)9,
            BatchSize = 0,
            FlushInterval = TimeSpan.Zero,
            MaxTuplesPerWrite = 101,
            MaxParallelRequests = 0,
            Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(-1)],
            MaxAttempts = -1,
            RequestTimeout = TimeSpan.FromSeconds(90),
            LeaseDuration = TimeSpan.FromSeconds(100),
        };

        var result = new WriteBehindOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(9, failures.Count);
        Assert.Contains("Fga:WriteBehind:CriticalRelations must be WriteThrough, Buffer or Reject (was 9).", failures);
        Assert.Contains("Fga:WriteBehind:BatchSize must be at least 1 (was 0).", failures);
        Assert.Contains("Fga:WriteBehind:MaxTuplesPerWrite must be between 1 and 100 (was 101).", failures);
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:Durability ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:FlushInterval ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:MaxParallelRequests ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:Backoff:1 ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:MaxAttempts ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Fga:WriteBehind:LeaseDuration ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_non_positive_request_timeout_is_refused()
    {
        var result = new WriteBehindOptionsValidator().Validate(null, new WriteBehindOptions { RequestTimeout = TimeSpan.Zero });

        Assert.Equal("Fga:WriteBehind:RequestTimeout must be positive (was 00:00:00).", Assert.Single(result.Failures!));
    }

    [Fact]
    public void An_empty_backoff_list_is_refused()
    {
        var result = new WriteBehindOptionsValidator().Validate(null, new WriteBehindOptions { Backoff = [] });

        Assert.Equal("Fga:WriteBehind:Backoff must list at least one delay.", Assert.Single(result.Failures!));
    }
}
