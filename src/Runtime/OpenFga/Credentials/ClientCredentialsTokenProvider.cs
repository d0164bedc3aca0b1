using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TypedFga.OpenFga;

/// <summary>
/// Obtains and caches an OAuth 2.0 client-credentials token. A token is refreshed once it is within
/// 300 s (plus up to 300 s of jitter, so that many clients do not refresh together) of its expiry;
/// concurrent callers wait for the same refresh rather than each fetching a token.
/// </summary>
internal sealed class ClientCredentialsTokenProvider : IDisposable
{
    internal static readonly TimeSpan ExpiryBuffer = TimeSpan.FromSeconds(300);
    internal static readonly TimeSpan ExpiryJitter = TimeSpan.FromSeconds(300);

    private readonly Func<HttpClient> _httpClientFactory;
    private readonly OpenFgaCredentials _credentials;
    private readonly Uri _endpoint;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile CachedToken? _current;
    private int _requestCount;

    public ClientCredentialsTokenProvider(Func<HttpClient> httpClientFactory, OpenFgaCredentials credentials, TimeProvider timeProvider)
    {
        _httpClientFactory = httpClientFactory;
        _credentials = credentials;
        _timeProvider = timeProvider;
        _endpoint = TokenEndpoint.TryResolve(credentials.ApiTokenIssuer ?? string.Empty)
            ?? throw new ArgumentException($"The token issuer '{credentials.ApiTokenIssuer}' is not a valid URL or host name.", nameof(credentials));
    }

    /// <summary>The number of token requests sent so far.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    public async ValueTask<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_current is { } fresh && fresh.IsUsable(_timeProvider.GetUtcNow()))
        {
            return fresh.AccessToken;
        }

        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another caller may have refreshed while this one waited.
            if (_current is { } refreshed && refreshed.IsUsable(_timeProvider.GetUtcNow()))
            {
                return refreshed.AccessToken;
            }

            var token = await RequestTokenAsync(cancellationToken).ConfigureAwait(false);
            _current = token;
            return token.AccessToken;
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();

    private async Task<CachedToken> RequestTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        var form = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", _credentials.ClientId ?? string.Empty),
            new("client_secret", _credentials.ClientSecret ?? string.Empty),
        };
        if (!string.IsNullOrWhiteSpace(_credentials.ApiAudience))
        {
            form.Add(new("audience", _credentials.ApiAudience));
        }

        if (!string.IsNullOrWhiteSpace(_credentials.Scopes))
        {
            form.Add(new("scope", _credentials.Scopes));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.UserAgent.Add(OpenFgaUserAgent.Value);

        HttpResponseMessage response;
        try
        {
            response = await _httpClientFactory().SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new FgaApiAuthenticationException(
                ex.StatusCode ?? HttpStatusCode.ServiceUnavailable, "token_request_failed",
                $"The token endpoint {_endpoint} could not be reached: {ex.Message}", ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new FgaApiAuthenticationException(
                    response.StatusCode, "token_request_failed",
                    $"The token endpoint {_endpoint} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(text)}");
            }

            TokenResponseBody? body;
            try
            {
                body = await response.Content.ReadFromJsonAsync(TokenJsonContext.Default.TokenResponseBody, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException ex)
            {
                throw new FgaApiAuthenticationException(
                    response.StatusCode, "invalid_token_response", $"The token endpoint {_endpoint} did not answer with a JSON token: {ex.Message}", ex);
            }

            if (string.IsNullOrEmpty(body?.AccessToken))
            {
                throw new FgaApiAuthenticationException(
                    response.StatusCode, "invalid_token_response", $"The token endpoint {_endpoint} answered without an access_token.");
            }

            return CachedToken.Create(body.AccessToken, body.ExpiresIn, _timeProvider.GetUtcNow());
        }
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "..." : text;

    /// <summary>A token and the instant from which it must be refreshed (null: it never expires).</summary>
    private sealed record CachedToken(string AccessToken, DateTimeOffset? RefreshAfter)
    {
        public static CachedToken Create(string accessToken, long? expiresInSeconds, DateTimeOffset now)
        {
            if (expiresInSeconds is not > 0)
            {
                return new(accessToken, null);
            }

            var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ExpiryJitter.TotalMilliseconds);
            return new(accessToken, now + TimeSpan.FromSeconds(expiresInSeconds.Value) - ExpiryBuffer - jitter);
        }

        public bool IsUsable(DateTimeOffset now) => RefreshAfter is not { } refreshAfter || now < refreshAfter;
    }
}
