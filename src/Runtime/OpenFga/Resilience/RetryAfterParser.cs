using System.Net.Http.Headers;

namespace TypedFga.OpenFga;

/// <summary>Reads <c>Retry-After</c> as OpenFGA's SDKs do: seconds or an HTTP date, honoured when 1 to 1800 seconds away.</summary>
internal static class RetryAfterParser
{
    public static readonly TimeSpan MinimumHonoured = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumHonoured = TimeSpan.FromSeconds(1800);

    public static TimeSpan? Read(RetryConditionHeaderValue? header, TimeProvider timeProvider)
    {
        var wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - timeProvider.GetUtcNow(),
            _ => (TimeSpan?)null,
        };
        return wait is { } value && value >= MinimumHonoured && value <= MaximumHonoured ? value : null;
    }
}
