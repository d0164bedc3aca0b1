using System.Net;
using TypedFga.Backends;
using TypedFga.Outbox;
using TypedFga.Runtime.Tests.Outbox;

namespace TypedFga.Runtime.Tests.Flushing;

public sealed class OutboxFlusherTests
{
    private static readonly FgaConnection Connection = TempOutbox.Connection;

    private static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i}");

    [Fact]
    public async Task A_flush_sends_the_last_operation_per_tuple_idempotently_and_empties_the_outbox()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        backend.Seed("user:u2", "viewer", "document:2");
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.Store.RevokeAsync(Connection, Tuple(1));
        await outbox.Store.RevokeAsync(Connection, Tuple(2));
        await outbox.Store.GrantAsync(Connection, Tuple(2));
        await outbox.Store.GrantAsync(Connection, Tuple(3));
        await outbox.Store.GrantAsync(Connection, Tuple(3));

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(2, result.Writes);
        Assert.Equal(1, result.Deletes);
        var request = Assert.Single(backend.Requests);
        Assert.Equal(WriteConflictOptions.Idempotent, request.Conflicts);
        Assert.Equal(Connection, request.Connection);
        Assert.Equal(new[] { "user:u2", "user:u3" }, request.Writes.Select(t => t.User).Order().ToArray());
        Assert.Equal("user:u1", Assert.Single(request.Deletes).User);
        Assert.Equal(2, backend.Tuples.Count);
        Assert.Equal(0, (await outbox.Reopen().GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task Chunks_respect_MaxTuplesPerWrite_and_MaxParallelRequests()
    {
        using var outbox = new TempOutbox(o => { o.MaxTuplesPerWrite = 7; o.MaxParallelRequests = 3; });
        var inFlight = 0;
        var maxInFlight = 0;
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (_, _) =>
            {
                var now = Interlocked.Increment(ref inFlight);
                InterlockedMax(ref maxInFlight, now);
                await Task.Delay(5);
                Interlocked.Decrement(ref inFlight);
            },
        };
        for (var i = 0; i < 100; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(100, result.Writes);
        Assert.All(backend.Requests, r => Assert.InRange(r.Writes.Count + r.Deletes.Count, 1, 7));
        Assert.Equal(15, backend.Requests.Count);
        Assert.InRange(maxInFlight, 2, 3);
        Assert.Equal(100, backend.Tuples.Count);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task An_operation_enqueued_while_its_tuple_is_in_flight_goes_in_the_next_flush()
    {
        using var outbox = new TempOutbox();
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (_, _) =>
            {
                if (entered.TrySetResult())
                {
                    await release.Task;
                }
            },
        };
        var flusher = outbox.CreateFlusher(backend);
        await outbox.Store.GrantAsync(Connection, Tuple(1));

        var first = flusher.FlushAsync();
        await entered.Task;
        await outbox.Store.RevokeAsync(Connection, Tuple(1));
        var pendingDuringFlight = await outbox.Store.GetPendingOperationsAsync();
        release.SetResult();
        var firstResult = await first;

        Assert.Equal(2, pendingDuringFlight.Count);
        Assert.True(pendingDuringFlight[0].InFlight);
        Assert.False(pendingDuringFlight[1].InFlight);
        Assert.Equal((1, 0), (firstResult.Writes, firstResult.Deletes));
        var waiting = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(OutboxOperationKind.Revoke, waiting.Kind);

        var secondResult = await flusher.FlushAsync();

        Assert.Equal((0, 1), (secondResult.Writes, secondResult.Deletes));
        Assert.Equal(new[] { "+user:u1 viewer document:1", "-user:u1 viewer document:1" }, backend.Applied.ToArray());
        Assert.Empty(backend.Tuples);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task One_bad_tuple_in_a_hundred_is_dead_lettered_with_the_servers_message_and_the_rest_is_written()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        backend.Reject("user:u42", "viewer", "document:42", "type 'document' has no relation 'viewer' for user:u42");
        for (var i = 0; i < 100; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(99, result.Writes);
        Assert.Equal(1, result.DeadLettered);
        Assert.Equal(99, backend.Tuples.Count);
        Assert.DoesNotContain(("user:u42", "viewer", "document:42"), backend.Tuples);
        Assert.InRange(backend.Requests.Count, 2, 16);
        var reopened = outbox.Reopen();
        Assert.Equal(0, (await reopened.GetPendingCountAsync()).Total);
        var dead = Assert.Single(await reopened.GetDeadLettersAsync());
        Assert.Equal("user:u42", dead.Tuple.User);
        Assert.Equal(DeadLetterReason.Rejected, dead.Reason);
        Assert.Equal("validation_error", dead.ErrorCode);
        Assert.Equal("type 'document' has no relation 'viewer' for user:u42", dead.ErrorMessage);
        Assert.Equal(1, dead.Attempts);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_on_the_backoff_schedule()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { FailWith = () => new HttpRequestException("connection refused"), FailuresLeft = 4 };
        var flusher = outbox.CreateFlusher(backend);
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        var start = outbox.Time.GetUtcNow();

        var expectedDelays = new[] { 10, 30, 60, 60 };
        var elapsed = TimeSpan.Zero;
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            var failed = await flusher.FlushAsync();
            Assert.Equal(1, failed.Failed);
            var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
            Assert.Equal(attempt, pending.Attempts);
            Assert.Equal(start + elapsed + TimeSpan.FromSeconds(expectedDelays[attempt - 1]), pending.NextAttemptAt);
            Assert.Contains("connection refused", pending.LastError, StringComparison.Ordinal);

            // Not due a second early.
            outbox.Time.Advance(TimeSpan.FromSeconds(expectedDelays[attempt - 1] - 1));
            Assert.Equal(0, (await flusher.FlushAsync()).Sent + (await flusher.FlushAsync()).Failed);
            outbox.Time.Advance(TimeSpan.FromSeconds(1));
            elapsed += TimeSpan.FromSeconds(expectedDelays[attempt - 1]);
        }

        var recovered = await flusher.FlushAsync();

        Assert.Equal(1, recovered.Writes);
        Assert.Equal(5, backend.Requests.Count);
        Assert.Single(backend.Tuples);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task MaxAttempts_moves_a_failing_operation_to_the_dead_letters()
    {
        using var outbox = new TempOutbox(o => o.MaxAttempts = 2);
        var backend = new FakeFgaBackend { FailWith = () => new FgaApiException(HttpStatusCode.InternalServerError, "internal_error", "boom"), FailuresLeft = 10 };
        var flusher = outbox.CreateFlusher(backend);
        await outbox.Store.GrantAsync(Connection, Tuple(1));

        Assert.Equal(1, (await flusher.FlushAsync()).Failed);
        outbox.Time.Advance(TimeSpan.FromSeconds(10));
        var second = await flusher.FlushAsync();

        Assert.Equal(1, second.DeadLettered);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
        var dead = Assert.Single(await outbox.Store.GetDeadLettersAsync());
        Assert.Equal(DeadLetterReason.MaxAttemptsExceeded, dead.Reason);
        Assert.Equal(2, dead.Attempts);
        Assert.Equal("internal_error", dead.ErrorCode);
        Assert.Contains("boom", dead.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_that_times_out_is_rescheduled()
    {
        using var outbox = new TempOutbox(o => o.RequestTimeout = TimeSpan.FromSeconds(30));
        var entered = new TaskCompletionSource();
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (_, ct) =>
            {
                entered.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
        };
        await outbox.Store.GrantAsync(Connection, Tuple(1));

        var flush = outbox.CreateFlusher(backend).FlushAsync();
        await entered.Task;
        outbox.Time.Advance(TimeSpan.FromSeconds(30));
        var result = await flush;

        Assert.Equal(1, result.Failed);
        var pending = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Contains("timed out", pending.LastError, StringComparison.Ordinal);
        Assert.Empty(backend.Tuples);
    }

    [Fact]
    public async Task A_conflict_is_retried_at_once()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { FailWith = () => new FgaApiException(HttpStatusCode.Conflict, "Aborted", "transactional write failed due to conflict"), FailuresLeft = 1 };
        await outbox.Store.GrantAsync(Connection, Tuple(1));

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(1, result.Writes);
        Assert.Equal(2, backend.Requests.Count);
        Assert.Single(backend.Tuples);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
    }

    [Fact]
    public async Task A_request_level_refusal_reschedules_instead_of_dead_lettering()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { FailWith = () => new FgaApiException(HttpStatusCode.Unauthorized, "auth_failed_invalid_bearer_token", "invalid token"), FailuresLeft = 1 };
        for (var i = 0; i < 10; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(10, result.Failed);
        Assert.Equal(0, result.DeadLettered);
        Assert.Single(backend.Requests);
        Assert.Equal(10, (await outbox.Store.GetPendingCountAsync()).Total);
        Assert.Equal(0, await outbox.Store.GetDeadLetterCountAsync());
    }

    [Fact]
    public async Task On_a_server_older_than_1_10_existing_and_missing_tuples_count_as_done()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend { Legacy = true };
        backend.Seed("user:u3", "viewer", "document:3");
        backend.Seed("user:u7", "viewer", "document:7");
        for (var i = 0; i < 10; i++)
        {
            await outbox.Store.GrantAsync(Connection, Tuple(i));
        }

        await outbox.Store.RevokeAsync(Connection, Tuple(20));

        var result = await outbox.CreateFlusher(backend).FlushAsync();

        Assert.Equal(10, result.Writes);
        Assert.Equal(1, result.Deletes);
        Assert.Equal(0, result.DeadLettered);
        Assert.Equal(10, backend.Tuples.Count);
        Assert.Equal(0, (await outbox.Store.GetPendingCountAsync()).Total);
        Assert.Equal(0, await outbox.Store.GetDeadLetterCountAsync());
    }

    [Fact]
    public async Task Flushes_of_one_flusher_never_overlap()
    {
        using var outbox = new TempOutbox();
        var active = 0;
        var maxActive = 0;
        var backend = new FakeFgaBackend
        {
            BeforeApply = async (_, _) =>
            {
                InterlockedMax(ref maxActive, Interlocked.Increment(ref active));
                await Task.Delay(10);
                Interlocked.Decrement(ref active);
            },
        };
        var flusher = outbox.CreateFlusher(backend);
        await outbox.Store.GrantAsync(Connection, Tuple(1));
        await outbox.Store.GrantAsync(Connection, Tuple(2));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => flusher.FlushAsync())));

        Assert.Equal(1, maxActive);
        Assert.Equal(2, results.Sum(r => r.Writes));
        Assert.Single(backend.Requests);
    }

    internal static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
