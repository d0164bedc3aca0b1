using System.Net.Http.Headers;

namespace TypedFga.OpenFga;

/// <summary>
/// Adds <c>Authorization: Bearer</c> to every attempt: the configured API token, or a client-credentials
/// token from the shared <see cref="ClientCredentialsTokenProvider"/>. Sits inside the retry handler, so a
/// retried attempt carries a token that is still valid.
/// </summary>
internal sealed class OpenFgaCredentialsHandler : DelegatingHandler
{
    private readonly OpenFgaCredentials _credentials;
    private readonly ClientCredentialsTokenProvider? _tokenProvider;

    public OpenFgaCredentialsHandler(OpenFgaCredentials credentials, ClientCredentialsTokenProvider? tokenProvider)
    {
        _credentials = credentials;
        _tokenProvider = tokenProvider;
        if (credentials.Method == OpenFgaCredentialsMethod.ClientCredentials && tokenProvider is null)
        {
            throw new ArgumentException("Client credentials need a token provider.", nameof(tokenProvider));
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = _credentials.Method switch
        {
            OpenFgaCredentialsMethod.ApiToken => _credentials.ApiToken,
            OpenFgaCredentialsMethod.ClientCredentials => await _tokenProvider!.GetTokenAsync(cancellationToken).ConfigureAwait(false),
            _ => null,
        };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
