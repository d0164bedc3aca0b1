using System.Globalization;
using System.Runtime.CompilerServices;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

public sealed partial class OpenFgaHttpClient
{
    /// <summary>
    /// Writes and deletes tuples in one transaction. A null <see cref="WriteRequest.AuthorizationModelId"/>
    /// is filled in from <see cref="OpenFgaClientOptions.AuthorizationModelId"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The request has neither a tuple to write nor one to delete.</exception>
    internal async Task WriteAsync(WriteRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Writes?.TupleKeys is not { Count: > 0 } && request.Deletes?.TupleKeys is not { Count: > 0 })
        {
            throw new ArgumentException("A Write needs at least one tuple to write or to delete.", nameof(request));
        }

        var body = request with
        {
            // OpenFGA refuses an empty writes or deletes object, so an empty side is left out.
            Writes = request.Writes?.TupleKeys is { Count: > 0 } ? request.Writes : null,
            Deletes = request.Deletes?.TupleKeys is { Count: > 0 } ? request.Deletes : null,
            AuthorizationModelId = ModelIdFor(request.AuthorizationModelId),
        };
        await SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/write", body,
            FgaApiJsonContext.Default.WriteRequest, FgaApiJsonContext.Default.JsonElement, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads one page of tuples matching the filter (all tuples when it is null).</summary>
    internal Task<ReadResponse> ReadAsync(ReadRequest? request = null, string? storeId = null, CancellationToken cancellationToken = default) =>
        SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/read", request ?? new ReadRequest(),
            FgaApiJsonContext.Default.ReadRequest, FgaApiJsonContext.Default.ReadResponse, cancellationToken);

    /// <summary>
    /// Reads every tuple matching the filter, following continuation tokens page after page from the
    /// request's token (or the start). Pages are fetched as the sequence is enumerated.
    /// </summary>
    internal async IAsyncEnumerable<ApiTuple> ReadAllAsync(
        ReadRequest? request = null, string? storeId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var page = request ?? new ReadRequest();
        while (true)
        {
            var response = await ReadAsync(page, storeId, cancellationToken).ConfigureAwait(false);
            foreach (var tuple in response.Tuples)
            {
                yield return tuple;
            }

            if (string.IsNullOrEmpty(response.ContinuationToken) || response.ContinuationToken == page.ContinuationToken)
            {
                yield break;
            }

            page = page with { ContinuationToken = response.ContinuationToken };
        }
    }

    /// <summary>
    /// Reads one page of the store's changelog. The server returns a continuation token even on the last
    /// page, so that polling can resume from it later; an empty page means "no newer changes yet".
    /// </summary>
    /// <param name="type">Only changes to objects of this type.</param>
    /// <param name="pageSize">1 to 100; null for the server's default (50).</param>
    /// <param name="continuationToken">Where to resume.</param>
    /// <param name="startTime">Only changes at or after this instant (OpenFGA 1.8 and later; ignored with a token).</param>
    /// <param name="storeId">The store; defaults to <see cref="OpenFgaClientOptions.StoreId"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal Task<ReadChangesResponse> ReadChangesAsync(
        string? type = null, int? pageSize = null, string? continuationToken = null, DateTimeOffset? startTime = null,
        string? storeId = null, CancellationToken cancellationToken = default)
    {
        var query = new QueryString()
            .Add("type", type)
            .Add("page_size", pageSize?.ToString(CultureInfo.InvariantCulture))
            .Add("continuation_token", continuationToken)
            .Add("start_time", startTime is { } start ? ConditionContextWriter.FormatTimestamp(start) : null);
        return SendAsync(
            HttpMethod.Get, $"stores/{StoreIdFor(storeId)}/changes" + query, FgaApiJsonContext.Default.ReadChangesResponse, cancellationToken);
    }
}
