using System.Diagnostics;
using System.Net;
using TypedFga.Backends;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Diagnostics;

/// <summary>
/// One typedfga.flush activity per flush. Activity listeners are process-wide, so every test that attaches one to
/// the TypedFga source lives in this class (whose tests run one at a time), and keeps only the activities under
/// its own root.
/// </summary>
public sealed class FlushTracingTests
{
    // Matched by name: the listener may be attached before this static field is first read.
    private const string TestSourceName = "TypedFga.Runtime.Tests.Tracing";

    private static readonly ActivitySource TestSource = new(TestSourceName);

    // A flusher of this machine whose process has ended: no system hands out this process id.
    private static readonly ProcessIdentity Ended = ProcessIdentity.Current with { ProcessId = int.MaxValue, Started = "1" };

    private static TupleKey Tuple(string user) => new($"user:{user}", "viewer", "document:1");

    [Fact]
    public async Task Each_flush_is_one_activity_tagged_with_what_it_did()
    {
        // One tuple per request, so that a failure touches that tuple alone.
        using var outbox = new TempOutbox(o => o.MaxTuplesPerWrite = 1);
        var failing = true;
        string? currentInRequest = null;
        var backend = new FakeFgaBackend
        {
            BeforeApply = (request, _) =>
            {
                currentInRequest = Activity.Current?.OperationName;
                return failing && request.Writes.Any(t => t.User.StartsWith("user:f", StringComparison.Ordinal))
                    ? throw new FgaApiException(HttpStatusCode.ServiceUnavailable, "unavailable", "try again")
                    : Task.CompletedTask;
            },
        };
        backend.Reject("user:x1", "viewer", "document:1", "not allowed");
        backend.Reject("user:x2", "viewer", "document:1", "not allowed");
        foreach (var user in new[] { "w1", "w2", "w3", "w4", "x1", "x2", "f1", "f2", "f3", "f4", "f5", "f6" })
        {
            await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple(user));
        }

        foreach (var user in new[] { "d1", "d2", "d3", "d4", "d5" })
        {
            await outbox.Store.RevokeAsync(TempOutbox.Connection, Tuple(user));
        }

        // Three of them held by a flusher whose process ended.
        await outbox.OpenStore().ClaimAsync($"{Ended.NewInstanceId()}/1", 3, long.MaxValue, outbox.Options.LeaseDuration);
        var flusher = outbox.CreateFlusher(backend);
        using var recorder = new ActivityRecorder();
        FlushResult first, second;
        using (recorder.StartRoot())
        {
            first = await flusher.FlushAsync();
            failing = false;
            outbox.Time.Advance(TimeSpan.FromMinutes(1));
            second = await flusher.FlushAsync();
        }

        Assert.Equal((4, 5, 6, 2, 0, 3), (first.Writes, first.Deletes, first.Failed, first.DeadLettered, first.Superseded, first.TakenOver));
        Assert.Equal(6, second.Writes);
        Assert.Equal(2, recorder.Flushes.Count);
        var activity = recorder.Flushes[0];
        Assert.Equal(FgaActivitySource.FlushActivityName, activity.OperationName);
        Assert.Equal(FgaActivitySource.Name, activity.Source.Name);
        Assert.Equal(ActivityKind.Internal, activity.Kind);
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.Equal((4, 5, 6, 2, 0, 3), TagsOf(activity));
        Assert.Equal((6, 0, 0, 0, 0, 0), TagsOf(recorder.Flushes[1]));
        // The requests run inside the flush's activity, so an HTTP client's activities become its children.
        Assert.Equal(FgaActivitySource.FlushActivityName, currentInRequest);
    }

    [Fact]
    public void Every_count_of_the_result_has_its_own_tag_and_none_is_set_when_only_propagation_is_requested()
    {
        // Superseded operations cannot be produced by a flush on demand (claims keep one operation per tuple), so
        // the mapping is checked here with a result whose counts all differ.
        var result = new FlushResult(Writes: 1, Deletes: 2, Failed: 3, DeadLettered: 4, Superseded: 5) { TakenOver = 6 };
        using var recorded = new Activity(FgaActivitySource.FlushActivityName);
        using var propagated = new Activity(FgaActivitySource.FlushActivityName) { IsAllDataRequested = false };

        FlushTracing.Record(recorded, result);
        FlushTracing.Record(propagated, result);

        Assert.Equal((1, 2, 3, 4, 5, 6), TagsOf(recorded));
        Assert.Empty(propagated.TagObjects);
    }

    [Fact]
    public async Task A_flush_that_throws_ends_its_activity_with_an_error()
    {
        using var outbox = new TempOutbox();
        var closed = outbox.OpenStore();
        closed.Dispose();
        var flusher = outbox.CreateFlusher(new FakeFgaBackend(), closed);
        using var recorder = new ActivityRecorder();

        using (recorder.StartRoot())
        {
            await Assert.ThrowsAsync<ObjectDisposedException>(() => flusher.FlushAsync());
        }

        var activity = Assert.Single(recorder.Flushes);
        Assert.Equal(ActivityStatusCode.Error, activity.Status);
        Assert.Contains("OutboxStore", activity.StatusDescription, StringComparison.Ordinal);
        Assert.Equal(typeof(ObjectDisposedException).FullName, activity.GetTagItem("error.type"));
        Assert.Equal("exception", Assert.Single(activity.Events).Name);
        Assert.Null(activity.GetTagItem(FgaActivitySource.WritesTag));
    }

    [Fact]
    public async Task An_empty_flush_is_still_one_activity()
    {
        using var outbox = new TempOutbox();
        using var recorder = new ActivityRecorder();

        using (recorder.StartRoot())
        {
            Assert.Equal(FlushResult.Empty, await outbox.CreateFlusher(new FakeFgaBackend()).FlushAsync());
        }

        Assert.Equal((0, 0, 0, 0, 0, 0), TagsOf(Assert.Single(recorder.Flushes)));
    }

    [Fact]
    public async Task No_activity_is_created_without_a_listener()
    {
        using var outbox = new TempOutbox();
        var currentInRequest = new List<Activity?>();
        var backend = new FakeFgaBackend
        {
            BeforeApply = (_, _) =>
            {
                currentInRequest.Add(Activity.Current);
                return Task.CompletedTask;
            },
        };
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple("anne"));

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.False(FgaTracing.Source.HasListeners());
        Assert.Equal(1, result.Writes);
        Assert.Null(Assert.Single(currentInRequest));
    }

    [Fact]
    public void The_source_is_named_like_the_meter_and_carries_the_runtime_version()
    {
        Assert.Equal(FgaMetrics.MeterName, FgaTracing.Source.Name);
        Assert.False(string.IsNullOrEmpty(FgaTracing.Source.Version));
        Assert.DoesNotContain('+', FgaTracing.Source.Version!);
    }

    private static (object?, object?, object?, object?, object?, object?) TagsOf(Activity activity) => (
        activity.GetTagItem(FgaActivitySource.WritesTag),
        activity.GetTagItem(FgaActivitySource.DeletesTag),
        activity.GetTagItem(FgaActivitySource.FailedTag),
        activity.GetTagItem(FgaActivitySource.DeadLetteredTag),
        activity.GetTagItem(FgaActivitySource.SupersededTag),
        activity.GetTagItem(FgaActivitySource.TakenOverTag));

    /// <summary>Records the TypedFga flush activities that run under a root this recorder starts.</summary>
    private sealed class ActivityRecorder : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly List<Activity> _flushes = [];
        private ActivityTraceId? _traceId;

        public ActivityRecorder()
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is FgaActivitySource.Name or TestSourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.Source.Name == FgaActivitySource.Name && activity.TraceId == _traceId)
                    {
                        lock (_flushes)
                        {
                            _flushes.Add(activity);
                        }
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<Activity> Flushes
        {
            get
            {
                lock (_flushes)
                {
                    return _flushes.ToList();
                }
            }
        }

        public Activity StartRoot()
        {
            var root = TestSource.StartActivity("test")!;
            _traceId = root.TraceId;
            return root;
        }

        public void Dispose() => _listener.Dispose();
    }
}
