using TypedFga.Wire;

namespace TypedFga.OpenFga;

public sealed partial class OpenFgaHttpClient
{
    private const string BulkRequestIdHeader = "X-OpenFGA-Client-Bulk-Request-Id";

    /// <summary>Answers a Check. A null model id is filled in from <see cref="OpenFgaClientOptions.AuthorizationModelId"/>.</summary>
    internal Task<CheckResponse> CheckAsync(CheckRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId) };
        return SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/check", body,
            FgaApiJsonContext.Default.CheckRequest, FgaApiJsonContext.Default.CheckResponse, cancellationToken);
    }

    /// <summary>
    /// Answers any number of checks through the server's BatchCheck (OpenFGA 1.8 and later). Checks without
    /// a correlation id get a new GUID; the checks are sent in calls of at most
    /// <see cref="OpenFgaClientOptions.MaxBatchCheckSize"/>, up to <see cref="OpenFgaClientOptions.MaxParallelRequests"/>
    /// at a time, and the answers come back in the order of <see cref="BatchCheckRequest.Checks"/>.
    /// A check the server could not answer carries its <see cref="BatchCheckItemResult.Error"/>; a failed call fails the whole method.
    /// </summary>
    /// <exception cref="ArgumentException">Two checks share a correlation id.</exception>
    internal async Task<IReadOnlyList<BatchCheckItemResult>> BatchCheckAsync(
        BatchCheckRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var checks = AssignCorrelationIds(request.Checks ?? []);
        if (checks.Length == 0)
        {
            return [];
        }

        var path = $"stores/{StoreIdFor(storeId)}/batch-check";
        var template = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId), Checks = null };
        var bulkRequestId = Guid.NewGuid().ToString();
        var answers = new IReadOnlyDictionary<string, BatchCheckSingleResult?>?[(checks.Length + Options.MaxBatchCheckSize - 1) / Options.MaxBatchCheckSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.MaxParallelRequests, CancellationToken = cancellationToken };

        await Parallel.ForEachAsync(Enumerable.Range(0, answers.Length), parallel, async (chunk, token) =>
        {
            var part = checks.AsSpan(chunk * Options.MaxBatchCheckSize, Math.Min(Options.MaxBatchCheckSize, checks.Length - (chunk * Options.MaxBatchCheckSize)));
            var body = template with { Checks = part.ToArray() };
            var response = await SendAsync(
                HttpMethod.Post, path, body, FgaApiJsonContext.Default.BatchCheckRequest, FgaApiJsonContext.Default.BatchCheckResponse,
                token, message => message.Headers.TryAddWithoutValidation(BulkRequestIdHeader, bulkRequestId)).ConfigureAwait(false);
            answers[chunk] = response.Result;
        }).ConfigureAwait(false);

        var results = new BatchCheckItemResult[checks.Length];
        for (var i = 0; i < checks.Length; i++)
        {
            var correlationId = checks[i].CorrelationId!;
            var answer = answers[i / Options.MaxBatchCheckSize]?.GetValueOrDefault(correlationId);
            results[i] = answer is null
                ? new BatchCheckItemResult(correlationId, checks[i], false, new CheckError
                {
                    Message = $"The server returned no answer for correlation id '{correlationId}'.",
                })
                : new BatchCheckItemResult(correlationId, checks[i], answer.Error is null && answer.Allowed == true, answer.Error);
        }

        return results;
    }

    /// <summary>Lists the objects of a type the user has a relation with (unsorted, at most the server's limit).</summary>
    internal Task<ListObjectsResponse> ListObjectsAsync(ListObjectsRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId) };
        return SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/list-objects", body,
            FgaApiJsonContext.Default.ListObjectsRequest, FgaApiJsonContext.Default.ListObjectsResponse, cancellationToken);
    }

    /// <summary>Lists the users that have a relation with an object (OpenFGA 1.5.4 and later).</summary>
    internal Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId) };
        return SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/list-users", body,
            FgaApiJsonContext.Default.ListUsersRequest, FgaApiJsonContext.Default.ListUsersResponse, cancellationToken);
    }

    /// <summary>Expands one level of the userset tree of a relation on an object.</summary>
    internal Task<ExpandResponse> ExpandAsync(ExpandRequest request, string? storeId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request with { AuthorizationModelId = ModelIdFor(request.AuthorizationModelId) };
        return SendAsync(
            HttpMethod.Post, $"stores/{StoreIdFor(storeId)}/expand", body,
            FgaApiJsonContext.Default.ExpandRequest, FgaApiJsonContext.Default.ExpandResponse, cancellationToken);
    }

    private static BatchCheckItem[] AssignCorrelationIds(IReadOnlyList<BatchCheckItem> checks)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new BatchCheckItem[checks.Count];
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i] ?? throw new ArgumentException($"Check {i} of the batch is null.", nameof(checks));
            var id = string.IsNullOrEmpty(check.CorrelationId) ? Guid.NewGuid().ToString() : check.CorrelationId;
            if (!seen.Add(id))
            {
                throw new ArgumentException($"The correlation id '{id}' is used by more than one check of the batch.", nameof(checks));
            }

            result[i] = check.CorrelationId == id ? check : check with { CorrelationId = id };
        }

        return result;
    }
}
