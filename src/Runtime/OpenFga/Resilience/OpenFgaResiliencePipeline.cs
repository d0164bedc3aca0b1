using System.Net;
using System.Net.Sockets;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace TypedFga.OpenFga;

/// <summary>
/// The retry policy of the OpenFGA SDKs as a Polly pipeline: retry 429, 5xx except 501 and network
/// failures (including an attempt that timed out), never 4xx otherwise and never the caller's own
/// cancellation; up to <see cref="OpenFgaClientOptions.MaxRetry"/> retries; wait what <c>Retry-After</c>
/// asks (1 to 1800 s, capped at 120 s) or else an exponential backoff with jitter, uniform in
/// [2^n, 2^(n+1)] x <see cref="OpenFgaClientOptions.MinWaitInMs"/>; each attempt bounded by
/// <see cref="OpenFgaClientOptions.RequestTimeout"/>.
/// </summary>
public static class OpenFgaResiliencePipeline
{
    /// <summary>The longest wait between two attempts.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(120);

    /// <summary>Adds the retry and per-attempt timeout strategies to <paramref name="builder"/>.</summary>
    /// <param name="builder">The pipeline builder, for example the one <c>AddResilienceHandler</c> provides.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="timeProvider">The clock used for HTTP-date <c>Retry-After</c> values; the builder's own is used for waiting.</param>
    /// <param name="onRetry">Called before each wait with the retry number (0 for the first) and the delay; for telemetry and tests.</param>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddOpenFgaStrategies(
        this ResiliencePipelineBuilder<HttpResponseMessage> builder,
        OpenFgaClientOptions options,
        TimeProvider? timeProvider = null,
        Action<int, TimeSpan>? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var clock = timeProvider ?? TimeProvider.System;
        var minWait = TimeSpan.FromMilliseconds(options.MinWaitInMs);

        if (options.MaxRetry > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "OpenFgaRetry",
                MaxRetryAttempts = options.MaxRetry,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    ComputeDelay(args.AttemptNumber, args.Outcome.Result, minWait, clock, Random.Shared)),
                MaxDelay = MaxDelay,
                OnRetry = args =>
                {
                    onRetry?.Invoke(args.AttemptNumber, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        }

        if (options.RequestTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions { Name = "OpenFgaAttemptTimeout", Timeout = options.RequestTimeout });
        }

        return builder;
    }

    /// <summary>Whether an attempt's outcome is worth another attempt.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken callerToken)
    {
        if (outcome.Result is { } response)
        {
            return IsRetryableStatus(response.StatusCode);
        }

        return outcome.Exception switch
        {
            // The caller gave up: stop at once.
            OperationCanceledException when callerToken.IsCancellationRequested => false,
            TimeoutRejectedException => true,
            HttpRequestException => true,
            SocketException or IOException => true,
            _ => false,
        };
    }

    /// <summary>429 and every 5xx except 501 (Not Implemented, which will not change).</summary>
    internal static bool IsRetryableStatus(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || ((int)status >= 500 && status != HttpStatusCode.NotImplemented);

    /// <summary>The wait before retry <paramref name="retryNumber"/> (0 for the first retry).</summary>
    internal static TimeSpan ComputeDelay(int retryNumber, HttpResponseMessage? response, TimeSpan minWait, TimeProvider clock, Random random)
    {
        if (RetryAfterParser.Read(response?.Headers.RetryAfter, clock) is { } requested)
        {
            return requested < MaxDelay ? requested : MaxDelay;
        }

        // Uniform in [2^n, 2^(n+1)] x minWait; the exponent is bounded so large retry counts cannot overflow.
        var factor = Math.Pow(2, Math.Min(retryNumber, 30)) * (1 + random.NextDouble());
        var milliseconds = Math.Min(minWait.TotalMilliseconds * factor, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(milliseconds);
    }
}
