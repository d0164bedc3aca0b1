namespace TypedFga.Server.Faults;

/// <summary>
/// A simulated failure: an optional delay, then either an error answer, a dropped connection, or (with
/// neither) the normal answer, late.
/// </summary>
public sealed record Fault
{
    private Fault(TimeSpan delay, int? status, string? code, string? message, bool dropConnection)
    {
        Delay = delay;
        Status = status;
        Code = code;
        Message = message;
        DropConnection = dropConnection;
    }

    /// <summary>How long to wait before answering (or failing).</summary>
    public TimeSpan Delay { get; }

    /// <summary>The HTTP status of the error answer; null when the request is served or dropped.</summary>
    public int? Status { get; }

    /// <summary>The OpenFGA code name of the error answer.</summary>
    public string? Code { get; }

    /// <summary>The message of the error answer.</summary>
    public string? Message { get; }

    /// <summary>Whether the connection is cut without an answer.</summary>
    public bool DropConnection { get; }

    /// <summary>Serves the request normally after <paramref name="delay"/>.</summary>
    public static Fault Latency(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new Fault(delay, null, null, null, dropConnection: false);
    }

    /// <summary>Answers with an OpenFGA error body, e.g. 500 <c>internal_error</c> or 503 <c>unavailable</c>.</summary>
    public static Fault Error(int status, string code, string message, TimeSpan delay = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(message);
        return new Fault(delay, status, code, message, dropConnection: false);
    }

    /// <summary>OpenFGA's answer to overload: 422 <c>throttled_timeout_error</c>.</summary>
    public static Fault Throttled(TimeSpan delay = default) =>
        Error(StatusCodes.Status422UnprocessableEntity, "throttled_timeout_error", "timeout due to throttling on complex request", delay);

    /// <summary>Cuts the connection without an answer (the caller sees a network error).</summary>
    public static Fault Drop(TimeSpan delay = default) => new(delay, null, null, null, dropConnection: true);
}
