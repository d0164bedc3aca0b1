using System.CommandLine;
using TypedFga.Backends;
using TypedFga.OpenFga;

namespace TypedFga.Cli;

/// <summary>The OpenFGA server that <c>flush</c> and <c>work</c> send to: its options, read and checked once.</summary>
internal sealed class FlushTarget
{
    public Option<string> ApiUrl { get; } = new("--api-url") { Description = "The OpenFGA server to flush to, for example http://localhost:8080.", Required = true };

    public Option<string?> ApiToken { get; } = new("--api-token") { Description = "A bearer token for the server, if it needs one." };

    /// <summary>The backend for the parsed options, or null (with the reason written) when the URL is not usable.</summary>
    public async Task<IFgaBackend?> CreateBackendAsync(ParseResult result, TextWriter output)
    {
        if (!Uri.TryCreate(result.GetValue(ApiUrl), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            await output.WriteLineAsync($"--api-url must be an absolute http or https URL (was '{result.GetValue(ApiUrl)}').");
            return null;
        }

        var client = new OpenFgaClientOptions { ApiUrl = url };
        if (result.GetValue(ApiToken) is { Length: > 0 } token)
        {
            client.Credentials.Method = OpenFgaCredentialsMethod.ApiToken;
            client.Credentials.ApiToken = token;
        }

        return new OpenFgaBackend(OpenFgaHttpClient.Create(client));
    }
}
