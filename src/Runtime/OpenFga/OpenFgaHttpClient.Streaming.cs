using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

public sealed partial class OpenFgaHttpClient
{
    /// <summary>
    /// Lists the objects of a type the user has a relation with, as the server finds them (OpenFGA 1.7 and later:
    /// <c>streamed-list-objects</c>, which has no result limit). An error the server reports mid-stream ends the
    /// enumeration with an <see cref="FgaApiException"/>.
    /// </summary>
    internal async IAsyncEnumerable<string> StreamedListObjectsAsync(
        ListObjectsRequest request, string? storeId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId) };
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, FgaApiJsonContext.Default.ListObjectsRequest));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var path = $"stores/{StoreIdFor(storeId)}/streamed-list-objects";
        using var response = await SendCoreAsync(HttpMethod.Post, path, content, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(stream);
        // The gateway writes one JSON object per line: {"result":{"object":"document:1"}} or {"error":{...}}.
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            StreamedListObjectsLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize(line, FgaApiJsonContext.Default.StreamedListObjectsLine);
            }
            catch (JsonException ex)
            {
                throw new FgaApiException(response.StatusCode, "invalid_response_body", $"A line of the answer to POST /{path} could not be read: {ex.Message}", ex);
            }

            if (parsed?.Error is { } error)
            {
                throw new FgaApiException(HttpStatusCode.InternalServerError, "streamed_list_objects_error", $"The server ended the stream with code {error.Code}: {error.Message}");
            }

            if (parsed?.Result?.Object is { } found)
            {
                yield return found;
            }
        }
    }
}
