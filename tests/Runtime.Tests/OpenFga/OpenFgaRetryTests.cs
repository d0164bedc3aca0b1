using System.Diagnostics;
using System.Net;
using TypedFga.OpenFga;
using TypedFga.Runtime.Tests.OpenFga.Fakes;
using TypedFga.Wire;

namespace TypedFga.Runtime.Tests.OpenFga;

public sealed class OpenFgaRetryTests
{
    private static readonly CheckRequest AnyCheck = new()
    {
        TupleKey = new TupleKeyWithoutCondition { User = "user:anne", Relation = "viewer", Object = "document:1" },
    };

    private static readonly string CheckPath = ClientHarness.StorePath("/check");

    private static FakeResponse Allowed => FakeResponse.Json("""{"allowed":true}""");

    [Fact]
    public async Task A_500_then_success_is_retried_once_after_a_jittered_100_to_200_ms()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, Allowed);
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Error(500, "internal_error", "boom"));

        var answer = await harness.Client.CheckAsync(AnyCheck);

        Assert.True(answer.Allowed);
        Assert.Equal(2, harness.Server.Requests.Count);
        var (retry, delay) = Assert.Single(harness.Retries);
        Assert.Equal(0, retry);
        Assert.InRange(delay.TotalMilliseconds, 100, 200);
        AssertWaited(harness, [delay]);
        // The same body goes out again on the retry.
        Assert.Equal(harness.Server.Requests[0].Body, harness.Server.Requests[1].Body);
    }

    [Fact]
    public async Task Backoff_doubles_per_retry_and_gives_up_after_three_retries()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, FakeResponse.Error(503, "unavailable", "down"));

        var error = await Assert.ThrowsAsync<FgaApiInternalException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal("unavailable", error.Code);
        Assert.Equal(4, harness.Server.Requests.Count);
        Assert.Equal([0, 1, 2], harness.Retries.Select(r => r.Retry));
        Assert.InRange(harness.Retries[0].Delay.TotalMilliseconds, 100, 200);
        Assert.InRange(harness.Retries[1].Delay.TotalMilliseconds, 200, 400);
        Assert.InRange(harness.Retries[2].Delay.TotalMilliseconds, 400, 800);
        AssertWaited(harness, harness.Retries.Select(r => r.Delay));
    }

    [Fact]
    public async Task MaxRetry_and_MinWaitInMs_are_honoured()
    {
        await using var harness = await ClientHarness.StartAsync(o =>
        {
            o.MaxRetry = 5;
            o.MinWaitInMs = 10;
        });
        harness.Server.Respond("POST", CheckPath, FakeResponse.Error(500, "internal_error", "boom"));

        await Assert.ThrowsAsync<FgaApiInternalException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(6, harness.Server.Requests.Count);
        Assert.InRange(harness.Retries[4].Delay.TotalMilliseconds, 160, 320);
    }

    [Fact]
    public async Task A_429_waits_the_seconds_of_Retry_After()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, Allowed);
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Error(429, "rate_limit_exceeded", "slow down").WithHeader("Retry-After", "7"));

        var answer = await harness.Client.CheckAsync(AnyCheck);

        Assert.True(answer.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(7), Assert.Single(harness.Retries).Delay);
        AssertWaited(harness, [TimeSpan.FromSeconds(7)]);
    }

    [Fact]
    public async Task Retry_After_as_an_http_date_is_measured_on_the_clock()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, Allowed);
        var at = harness.Clock.GetUtcNow().AddSeconds(30);
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Error(503, "unavailable", "later").WithHeader("Retry-After", at.ToString("R")));

        await harness.Client.CheckAsync(AnyCheck);

        // HTTP dates have whole seconds, so the wait is just under or at 30 s.
        Assert.InRange(Assert.Single(harness.Retries).Delay.TotalSeconds, 28, 30);
    }

    [Fact]
    public async Task Retry_After_above_120_s_is_capped_and_outside_1_to_1800_s_is_ignored()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, Allowed);
        harness.Server.FailNext("POST", CheckPath,
            FakeResponse.Error(429, "rate_limit_exceeded", "a").WithHeader("Retry-After", "600"),
            FakeResponse.Error(429, "rate_limit_exceeded", "b").WithHeader("Retry-After", "3600"),
            FakeResponse.Error(429, "rate_limit_exceeded", "c").WithHeader("Retry-After", "0"));

        await harness.Client.CheckAsync(AnyCheck);

        var delays = harness.Retries.Select(r => r.Delay).ToArray();
        Assert.Equal(TimeSpan.FromSeconds(120), delays[0]);
        Assert.InRange(delays[1].TotalMilliseconds, 200, 400);
        Assert.InRange(delays[2].TotalMilliseconds, 400, 800);
    }

    [Fact]
    public async Task A_persistent_429_ends_in_a_rate_limit_exception_with_the_requested_wait()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.MaxRetry = 1);
        harness.Server.Respond("POST", CheckPath, FakeResponse.Error(429, "rate_limit_exceeded", "slow down").WithHeader("Retry-After", "2"));

        var error = await Assert.ThrowsAsync<FgaApiRateLimitException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task A_dropped_connection_is_retried()
    {
        await using var harness = await ClientHarness.StartAsync();
        harness.Server.Respond("POST", CheckPath, Allowed);
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Drop());

        var answer = await harness.Client.CheckAsync(AnyCheck);

        Assert.True(answer.Allowed);
        Assert.Equal(2, harness.Server.Requests.Count);
        Assert.Single(harness.Retries);
    }

    [Fact]
    public async Task Dropped_connections_beyond_the_retries_surface_as_HttpRequestException()
    {
        await using var harness = await ClientHarness.StartAsync(o => o.MaxRetry = 2);
        harness.Server.Respond("POST", CheckPath, FakeResponse.Drop());

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Equal(3, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task A_hanging_answer_times_out_each_attempt_and_ends_in_a_TimeoutException()
    {
        await using var harness = await ClientHarness.StartAsync(o =>
        {
            o.RequestTimeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetry = 1;
        });
        harness.Server.Respond("POST", CheckPath, FakeResponse.Hang());
        var watch = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => harness.Client.CheckAsync(AnyCheck));

        Assert.Contains("00:00:00.3", error.Message);
        // Two attempts, counted where they are made: on a busy machine the second can time out before the server
        // has even read it, so the server's count may be one.
        Assert.Equal(0, Assert.Single(harness.Retries).Retry);
        Assert.InRange(harness.Server.Requests.Count, 1, 2);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(550), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_hanging_attempt_then_success_recovers()
    {
        // Long enough for the answering attempt to arrive and come back on a busy machine.
        await using var harness = await ClientHarness.StartAsync(o => o.RequestTimeout = TimeSpan.FromSeconds(1));
        harness.Server.Respond("POST", CheckPath, Allowed);
        harness.Server.FailNext("POST", CheckPath, FakeResponse.Hang());

        var answer = await harness.Client.CheckAsync(AnyCheck);

        Assert.True(answer.Allowed);
        Assert.Equal(2, harness.Server.Requests.Count);
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_retried()
    {
        await using var harness = await ClientHarness.StartAsync();
        using var cancellation = new CancellationTokenSource();
        // Cancel only once the server holds the request, so the test does not depend on timing.
        harness.Server.Respond("POST", CheckPath, _ =>
        {
            cancellation.Cancel();
            return FakeResponse.Hang();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Client.CheckAsync(AnyCheck, cancellationToken: cancellation.Token));

        Assert.Single(harness.Server.Requests);
        Assert.Empty(harness.Retries);
    }

    /// <summary>The pipeline really waited what it chose (timers have whole-millisecond resolution).</summary>
    private static void AssertWaited(ClientHarness harness, IEnumerable<TimeSpan> chosen) =>
        Assert.Equal(chosen.Select(d => Math.Floor(d.TotalMilliseconds)), harness.Clock.Delays.Select(d => Math.Floor(d.TotalMilliseconds)));

    [Fact]
    public void Backoff_stays_within_its_band_and_under_the_cap()
    {
        var random = new Random(1234);
        for (var retry = 0; retry < 15; retry++)
        {
            var low = Math.Min(100 * Math.Pow(2, retry), 120_000);
            var high = Math.Min(100 * Math.Pow(2, retry + 1), 120_000);
            for (var sample = 0; sample < 200; sample++)
            {
                var delay = OpenFgaResiliencePipeline.ComputeDelay(retry, null, TimeSpan.FromMilliseconds(100), TimeProvider.System, random);
                Assert.InRange(delay.TotalMilliseconds, low, high);
            }
        }
    }
}
