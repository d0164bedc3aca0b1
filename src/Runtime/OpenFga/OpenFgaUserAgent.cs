using System.Net.Http.Headers;
using System.Reflection;

namespace TypedFga.OpenFga;

/// <summary>The <c>User-Agent</c> the client sends: <c>typedfga-dotnet/&lt;version&gt;</c>.</summary>
internal static class OpenFgaUserAgent
{
    public static ProductInfoHeaderValue Value { get; } = new("typedfga-dotnet", ReadVersion());

    private static string ReadVersion()
    {
        var assembly = typeof(OpenFgaUserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        // Drop the source revision ("+<commit>"), which is not a valid product version token.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
