using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Timeout;
using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

/// <summary>
/// A client for OpenFGA's HTTP API: stores, authorization models, Write, Read, ReadChanges, Check,
/// BatchCheck, ListObjects and ListUsers. Designed as a typed <see cref="HttpClient"/> client: retries,
/// timeouts and credentials live in the handlers of the given <see cref="HttpClient"/> (see
/// <c>services.AddOpenFgaHttpClient(...)</c>
/// and <see cref="Create"/>). Failures surface as <see cref="FgaApiException"/> subclasses (the server
/// answered with an error), <see cref="HttpRequestException"/> (it could not be reached) or
/// <see cref="TimeoutException"/> (it did not answer in time).
/// </summary>
/// <remarks>
/// Applications query and write through <see cref="OpenFgaBackend"/> (behind the hosting's client); what is public
/// here administers stores and models. The other calls take and return OpenFGA's wire contracts
/// (<see cref="TypedFga.Wire"/>) and are internal, as the contracts are.
/// </remarks>
public sealed partial class OpenFgaHttpClient : IDisposable
{
    private static readonly MediaTypeWithQualityHeaderValue JsonMediaType = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly TimeProvider _timeProvider;
    private readonly IDisposable? _ownedResources;

    /// <summary>Creates a client over <paramref name="httpClient"/>; its base address, when set, wins over <see cref="OpenFgaClientOptions.ApiUrl"/>.</summary>
    public OpenFgaHttpClient(HttpClient httpClient, OpenFgaClientOptions options)
        : this(httpClient, options, TimeProvider.System, ownedResources: null)
    {
    }

    internal OpenFgaHttpClient(HttpClient httpClient, OpenFgaClientOptions options, TimeProvider timeProvider, IDisposable? ownedResources)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        _http = httpClient;
        Options = options;
        _timeProvider = timeProvider;
        _ownedResources = ownedResources;
        var baseAddress = httpClient.BaseAddress ?? options.ApiUrl
            ?? throw new ArgumentException("Neither the HttpClient's BaseAddress nor OpenFgaClientOptions.ApiUrl is set.", nameof(options));
        // A trailing slash keeps a path prefix (https://host/fga/) when relative paths are resolved against it.
        _baseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
    }

    /// <summary>The options this client was created with.</summary>
    public OpenFgaClientOptions Options { get; }

    /// <summary>The server address requests are sent to.</summary>
    public Uri BaseAddress => _baseAddress;

    /// <summary>
    /// Creates a self-contained client: a <see cref="SocketsHttpHandler"/> (or <paramref name="primaryHandler"/>)
    /// behind the OpenFGA retry pipeline and the credentials handler. Outside dependency injection this is the
    /// simplest way to get the full behaviour. Dispose the client to release its connections (a given
    /// <paramref name="primaryHandler"/> is disposed with it).
    /// </summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static OpenFgaHttpClient Create(OpenFgaClientOptions options, TimeProvider? timeProvider = null, HttpMessageHandler? primaryHandler = null) =>
        CreateObserved(options, timeProvider, primaryHandler, onRetry: null);

    internal static OpenFgaHttpClient CreateObserved(
        OpenFgaClientOptions options, TimeProvider? timeProvider, HttpMessageHandler? primaryHandler, Action<int, TimeSpan>? onRetry)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new OpenFgaClientOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException("Invalid OpenFGA client options: " + validation.FailureMessage, nameof(options));
        }

        var clock = timeProvider ?? TimeProvider.System;
        var primary = primaryHandler ?? CreatePrimaryHandler(options);

        ClientCredentialsTokenProvider? tokenProvider = null;
        HttpClient? tokenClient = null;
        if (options.Credentials.Method == OpenFgaCredentialsMethod.ClientCredentials)
        {
            tokenClient = new HttpClient(CreateResilienceHandler(options, clock, onRetry, primary), disposeHandler: false)
            {
                Timeout = Timeout.InfiniteTimeSpan,
            };
            tokenProvider = new ClientCredentialsTokenProvider(() => tokenClient, options.Credentials, clock);
        }

        var credentials = new OpenFgaCredentialsHandler(options.Credentials, tokenProvider) { InnerHandler = primary };
        var http = new HttpClient(CreateResilienceHandler(options, clock, onRetry, credentials), disposeHandler: true)
        {
            BaseAddress = options.ApiUrl,
            Timeout = Timeout.InfiniteTimeSpan,
        };
        var owned = new DisposableGroup(http, tokenClient, tokenProvider, primary);
        return new OpenFgaHttpClient(http, options, clock, owned);
    }

    /// <summary>Releases the connections when the client was made by <see cref="Create"/>; otherwise does nothing.</summary>
    public void Dispose() => _ownedResources?.Dispose();

    internal static SocketsHttpHandler CreatePrimaryHandler(OpenFgaClientOptions options) => new()
    {
        ConnectTimeout = options.ConnectTimeout,
        // Re-resolves DNS from time to time, so a long-lived client follows a moved server.
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    };

    private static ResilienceHandler CreateResilienceHandler(
        OpenFgaClientOptions options, TimeProvider clock, Action<int, TimeSpan>? onRetry, HttpMessageHandler inner)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddOpenFgaStrategies(options, clock, onRetry)
            .Build();
        return new ResilienceHandler(pipeline) { InnerHandler = inner };
    }

    private string StoreIdFor(string? storeId)
    {
        var id = storeId ?? Options.StoreId;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new InvalidOperationException(
                $"No store id: pass one to the call or set {OpenFgaClientOptions.SectionName}:StoreId (OpenFgaClientOptions.StoreId).");
        }

        return Uri.EscapeDataString(id);
    }

    private string? ModelIdFor(string? authorizationModelId) => authorizationModelId ?? Options.AuthorizationModelId;

    private async Task<TResponse> SendAsync<TRequest, TResponse>(
        HttpMethod method, string path, TRequest body, JsonTypeInfo<TRequest> requestInfo, JsonTypeInfo<TResponse> responseInfo,
        CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        // Bytes rather than a streamed body: a retried attempt must be able to send the content again.
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestInfo));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await SendCoreAsync(method, path, content, cancellationToken, configure).ConfigureAwait(false);
        return await ReadAsync(response, responseInfo, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TResponse> SendAsync<TResponse>(HttpMethod method, string path, JsonTypeInfo<TResponse> responseInfo, CancellationToken cancellationToken)
    {
        using var response = await SendCoreAsync(method, path, content: null, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, responseInfo, cancellationToken).ConfigureAwait(false);
    }

    private Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null) =>
        SendCoreAsync(method, path, content, HttpCompletionOption.ResponseContentRead, cancellationToken, configure);

    private async Task<HttpResponseMessage> SendCoreAsync(
        HttpMethod method, string path, HttpContent? content, HttpCompletionOption completion, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(_baseAddress, path)) { Content = content };
        request.Headers.Accept.Add(JsonMediaType);
        request.Headers.UserAgent.Add(OpenFgaUserAgent.Value);
        configure?.Invoke(request);

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TimeoutException($"OpenFGA did not answer {method} /{path} within {Options.RequestTimeout} (after retries).", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested && ex.InnerException is TimeoutException)
        {
            throw new TimeoutException($"OpenFGA did not answer {method} /{path} within the HttpClient's timeout of {_http.Timeout}.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await OpenFgaErrorMapper.ToExceptionAsync(response, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // DeleteStore and some proxies answer with no body at all; an empty object means the same.
            var result = JsonSerializer.Deserialize(bytes.Length == 0 ? "{}"u8 : bytes, typeInfo);
            return result ?? throw new JsonException("The body is null.");
        }
        catch (JsonException ex)
        {
            var path = response.RequestMessage?.RequestUri?.AbsolutePath;
            throw new FgaApiException(
                response.StatusCode, "invalid_response_body", $"The answer to {response.RequestMessage?.Method} {path} could not be read: {ex.Message}", ex);
        }
    }

    /// <summary>Disposes several resources together, in order.</summary>
    private sealed class DisposableGroup(params IDisposable?[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item?.Dispose();
            }
        }
    }
}
