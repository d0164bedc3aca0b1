using System.Net;
using System.Text.RegularExpressions;
using TypedFga.Backends;

namespace TypedFga.Flushing;

/// <summary>How the flusher reacts to a failed Write request.</summary>
internal enum WriteFailureKind
{
    /// <summary>May succeed later unchanged (network, timeout, 5xx, 429, 422 throttling): reschedule with backoff.</summary>
    Transient,

    /// <summary>A concurrent-write conflict (409): retried at once a few times, then like <see cref="Transient"/>.</summary>
    Conflict,

    /// <summary>
    /// Refused because of the request's configuration, not its tuples (credentials, unknown store or model):
    /// every tuple would fail alike, so the chunk is rescheduled rather than dead-lettered.
    /// </summary>
    Unavailable,

    /// <summary>Refused because of some tuple in it: split the chunk until the offending tuples are found.</summary>
    BadInput,

    /// <summary>
    /// A grant's tuple exists with another condition (409 "different condition"): a write never changes a stored
    /// tuple's condition, so once the grant is found it is applied as a delete followed by a write.
    /// </summary>
    ConditionChanged,

    /// <summary>
    /// A server older than 1.10 ignored <c>on_duplicate</c>/<c>on_missing</c> and refused a write of a tuple that
    /// already exists or a delete of one that does not: that tuple is already as wanted.
    /// </summary>
    AlreadyApplied,
}

/// <summary>A classified failure, with what the server said.</summary>
internal readonly record struct WriteFailure(WriteFailureKind Kind, string? Code, string Message)
{
    private static readonly HashSet<string> ConfigurationCodes = new(StringComparer.Ordinal)
    {
        "latest_authorization_model_not_found",
        "authorization_model_not_found",
        "store_id_invalid_length",
        "store_id_not_found",
        "invalid_authorization_model",
    };

    private static readonly Regex TupleInMessage = new(
        @"user: '(?<user>[^']*)', relation: '(?<relation>[^']*)', object: '(?<object>[^']*)'",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(100));

    public static WriteFailure Classify(Exception exception, bool timedOut)
    {
        if (exception is FgaApiException api)
        {
            return ClassifyApi(api);
        }

        if (timedOut)
        {
            return new(WriteFailureKind.Transient, null, "The request timed out.");
        }

        // Network failures, timeouts and anything unexpected: retry later rather than lose the operation.
        return new(WriteFailureKind.Transient, null, $"{exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>The tuple the server named in its message, if it did (OpenFGA does for existing and missing tuples).</summary>
    public (string User, string Relation, string Object)? NamedTuple()
    {
        var match = TupleInMessage.Match(Message);
        return match.Success
            ? (match.Groups["user"].Value, match.Groups["relation"].Value, match.Groups["object"].Value)
            : null;
    }

    public override string ToString() => Code is null ? Message : $"{Code}: {Message}";

    private static WriteFailure ClassifyApi(FgaApiException api)
    {
        var code = api.Code;
        var message = api.ServerMessage;
        if (api.StatusCode == HttpStatusCode.Conflict)
        {
            // OpenFGA answers 409 both for a lost race between concurrent inserts (worth retrying) and for writing a
            // tuple that exists with another condition (never succeeds as such; that tuple must be replaced).
            return message.Contains("different condition", StringComparison.OrdinalIgnoreCase)
                ? new(WriteFailureKind.ConditionChanged, code, message)
                : new(WriteFailureKind.Conflict, code, message);
        }

        if (api.IsTransient)
        {
            return new(WriteFailureKind.Transient, code, message);
        }

        if (api.StatusCode == HttpStatusCode.BadRequest)
        {
            if (ConfigurationCodes.Contains(code))
            {
                return new(WriteFailureKind.Unavailable, code, message);
            }

            if (code == "write_failed_due_to_invalid_input"
                && (message.Contains("already exist", StringComparison.OrdinalIgnoreCase)
                    || message.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
                    || message.Contains("did not exist", StringComparison.OrdinalIgnoreCase)))
            {
                return new(WriteFailureKind.AlreadyApplied, code, message);
            }

            return new(WriteFailureKind.BadInput, code, message);
        }

        // 401, 403, 404, 501 and other statuses concern the whole request.
        return new(WriteFailureKind.Unavailable, code, message);
    }
}
