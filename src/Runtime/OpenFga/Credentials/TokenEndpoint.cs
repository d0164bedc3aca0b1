namespace TypedFga.OpenFga;

/// <summary>Resolves <see cref="OpenFgaCredentials.ApiTokenIssuer"/> to the token endpoint, as the OpenFGA SDKs do.</summary>
internal static class TokenEndpoint
{
    private const string DefaultPath = "oauth/token";

    /// <summary>
    /// <c>issuer.example.com</c> becomes <c>https://issuer.example.com/oauth/token</c>; an issuer with a
    /// path is used as given. Null when the value is not a usable URL.
    /// </summary>
    public static Uri? TryResolve(string issuer)
    {
        var text = issuer.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "https://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/" + DefaultPath) : uri;
    }
}
