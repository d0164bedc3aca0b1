using System.Collections.Concurrent;
using System.Diagnostics;
using TypedFga.Diagnostics;
using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// One typedfga.check activity per check through the client, tagged with how pending operations shaped it. Other
/// tests' activities are left out by keeping only those in each test's own trace.
/// </summary>
public sealed class CheckTracingTests : IClassFixture<FgaServerFixture>, IDisposable
{
    private const string TestSourceName = "TypedFga.Pipeline.Tests.CheckTracing";
    private static readonly ActivitySource TestSource = new(TestSourceName);
    private static readonly TupleKey Anne = new("user:anne", "editor", "document:roadmap");

    private readonly FgaServerFixture _server;
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CheckTracingTests(FgaServerFixture server)
    {
        _server = server;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is FgaActivitySource.Name or TestSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _server.Faults.Reset();
    }

    [Fact]
    public async Task A_check_is_one_activity_with_the_type_relation_and_answer_but_no_ids()
    {
        var store = await _server.CreateStoreAsync();
        await _server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(_server, store);

        var check = await TracedCheckAsync(host, new CheckQuery(Anne.User, "can_view", Anne.Object));

        Assert.Equal("document", check.GetTagItem(FgaActivitySource.CheckObjectTypeTag));
        Assert.Equal("can_view", check.GetTagItem(FgaActivitySource.CheckRelationTag));
        Assert.Equal(true, check.GetTagItem(FgaActivitySource.CheckAllowedTag));
        Assert.Null(check.GetTagItem(FgaActivitySource.CheckPendingGrantsTag));
        Assert.Null(check.GetTagItem(FgaActivitySource.CheckFlushedFirstTag));
        Assert.DoesNotContain(check.TagObjects, tag => tag.Value is string text && (text.Contains("anne", StringComparison.Ordinal) || text.Contains("roadmap", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Pending_grants_sent_along_and_a_fail_closed_denial_are_tagged()
    {
        var store = await _server.CreateStoreAsync();
        await _server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(_server, store);
        await host.Client.GrantAsync(new TupleKey("user:bob", "viewer", "document:roadmap"));

        var withGrant = await TracedCheckAsync(host, new CheckQuery("user:bob", "viewer", "document:roadmap"));
        Assert.Equal(1, withGrant.GetTagItem(FgaActivitySource.CheckPendingGrantsTag));
        Assert.Equal(true, withGrant.GetTagItem(FgaActivitySource.CheckAllowedTag));

        _server.Faults.FailNext(100, 503, "unavailable", "down", request => request.Path.Value == $"/stores/{store}/write");
        await host.Client.RevokeAsync(Anne);
        var denied = await TracedCheckAsync(host, new CheckQuery(Anne.User, "editor", Anne.Object));
        Assert.Equal(true, denied.GetTagItem(FgaActivitySource.CheckFlushedFirstTag));
        Assert.Equal(true, denied.GetTagItem(FgaActivitySource.CheckDeniedPendingRevokeTag));
        Assert.Equal(false, denied.GetTagItem(FgaActivitySource.CheckAllowedTag));
    }

    [Fact]
    public async Task A_cached_answer_and_a_failed_check_are_tagged()
    {
        var store = await _server.CreateStoreAsync();
        await _server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(_server, store, s => s["Fga:Cache:Enabled"] = "true");
        var query = new CheckQuery(Anne.User, "editor", Anne.Object);
        await host.Client.CheckAsync(query);

        var cached = await TracedCheckAsync(host, query);
        Assert.Equal(true, cached.GetTagItem(FgaActivitySource.CheckCachedTag));

        _server.Faults.FailNext(1, 500, "internal_error", "boom", request => request.Path.Value == $"/stores/{store}/check");
        Activity failed;
        using (var root = TestSource.StartActivity("test")!)
        {
            await Assert.ThrowsAnyAsync<Exception>(async () => await host.Client.CheckAsync(new CheckQuery("user:zed", "editor", Anne.Object)));
            failed = Assert.Single(ChecksIn(root));
        }

        Assert.Equal(ActivityStatusCode.Error, failed.Status);
    }

    [Fact]
    public async Task A_typed_check_answered_from_the_cache_is_still_one_tagged_activity()
    {
        var store = await _server.CreateStoreAsync();
        await _server.SeedAsync(store, Anne);
        await using var host = await PipelineHost.StartAsync(_server, store, s => s["Fga:Cache:Enabled"] = "true");
        var fga = Fga.Using(host.Client);
        await fga.Document("roadmap").Editors.Check(fga.User("anne"));

        Activity cached;
        using (var root = TestSource.StartActivity("test")!)
        {
            Assert.True(await fga.Document("roadmap").Editors.Check(fga.User("anne")));
            cached = Assert.Single(ChecksIn(root));
        }

        Assert.Equal(true, cached.GetTagItem(FgaActivitySource.CheckCachedTag));
        Assert.Equal(true, cached.GetTagItem(FgaActivitySource.CheckAllowedTag));
        Assert.Equal("document", cached.GetTagItem(FgaActivitySource.CheckObjectTypeTag));
        Assert.Equal("editor", cached.GetTagItem(FgaActivitySource.CheckRelationTag));
    }

    private async Task<Activity> TracedCheckAsync(PipelineHost host, CheckQuery query)
    {
        using var root = TestSource.StartActivity("test")!;
        await host.Client.CheckAsync(query);
        return Assert.Single(ChecksIn(root));
    }

    private List<Activity> ChecksIn(Activity root) =>
        _stopped.Where(a => a.TraceId == root.TraceId && a.OperationName == FgaActivitySource.CheckActivityName).ToList();
}
