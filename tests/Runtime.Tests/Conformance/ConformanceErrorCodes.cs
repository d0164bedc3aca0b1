using TypedFga.Embedded.Errors;

namespace TypedFga.Tests.Conformance;

/// <summary>The conformance suites expect OpenFGA's numeric error codes; HTTP answers carry their names.</summary>
public static class ConformanceErrorCodes
{
    /// <summary>OpenFGA's numeric code for a string code name (<c>validation_error</c> is 2000); -1 when unknown.</summary>
    public static int FromName(string? codeName)
    {
        var pascal = string.Concat((codeName ?? "").Split('_').Select(part => part.Length == 0 ? part : char.ToUpperInvariant(part[0]) + part[1..]));
        return Enum.TryParse<FgaErrorCode>(pascal, out var code) && Enum.IsDefined(code) ? (int)code : -1;
    }
}
