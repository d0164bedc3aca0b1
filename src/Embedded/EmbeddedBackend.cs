using System.Globalization;
using System.Runtime.CompilerServices;
using TypedFga.Backends;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Embedded;

/// <summary>
/// The embedded engine as an <see cref="IFgaBackend"/>: what the write-behind flusher and the runtime's client
/// use when no OpenFGA server is configured. Engine errors surface as <see cref="FgaEngineException"/>, an
/// <see cref="FgaApiException"/> with the same status and code an OpenFGA server would answer with.
/// </summary>
public sealed class EmbeddedBackend(EmbeddedOpenFga engine) : IFgaBackend
{
    /// <summary>The engine behind this backend.</summary>
    public EmbeddedOpenFga Engine { get; } = engine ?? throw new ArgumentNullException(nameof(engine));

    /// <inheritdoc />
    public async Task WriteAsync(
        FgaConnection connection,
        IReadOnlyList<TupleKey> writes,
        IReadOnlyList<TupleKey> deletes,
        WriteConflictOptions conflicts,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(writes);
        ArgumentNullException.ThrowIfNull(deletes);
        var request = WireRequests.Write(writes, deletes, conflicts, connection.AuthorizationModelId);
        await Engine.WriteAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var response = await Engine.CheckAsync(connection.StoreId, WireRequests.Check(query, connection.AuthorizationModelId), cancellationToken).ConfigureAwait(false);
        return response.Allowed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> ReadUsersAsync(
        FgaConnection connection, string @object, string relation, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var request = WireRequests.ReadUsers(@object, relation, limit);
        return await StoredUserReader.ReadAsync(
            async (continuation, token) =>
                WireAnswers.UsersOf(await Engine.ReadAsync(connection.StoreId, request with { ContinuationToken = continuation }, token).ConfigureAwait(false)),
            limit,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> BatchCheckAsync(
        FgaConnection connection, IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(checks);
        var answers = new bool[checks.Count];
        var chunkSize = Engine.Options.MaxChecksPerBatchCheck;
        for (var start = 0; start < checks.Count; start += chunkSize)
        {
            var count = Math.Min(chunkSize, checks.Count - start);
            var items = new List<BatchCheckItem>(count);
            var consistency = FgaConsistency.MinimizeLatency;
            for (var i = 0; i < count; i++)
            {
                var check = checks[start + i] ?? throw new ArgumentException($"Check {start + i} of the batch is null.", nameof(checks));
                consistency = check.Consistency > consistency ? check.Consistency : consistency;
                // The position is the correlation id: unique in the chunk, and no look-up to map answers back.
                items.Add(WireRequests.BatchCheckItem(check, i.ToString(CultureInfo.InvariantCulture)));
            }

            var request = new BatchCheckRequest
            {
                AuthorizationModelId = connection.AuthorizationModelId,
                Checks = items,
                Consistency = WireRequests.ConsistencyOf(consistency),
            };
            var response = await Engine.BatchCheckAsync(connection.StoreId, request, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < count; i++)
            {
                var answer = response.Result.GetValueOrDefault(items[i].CorrelationId!);
                if (answer?.Error is { } error)
                {
                    throw new FgaEngineException(
                        FgaErrorCode.ValidationError,
                        $"check {start + i} of the batch ({checks[start + i].Object}#{checks[start + i].Relation}@{checks[start + i].User}) failed: {error.Message ?? error.InputError ?? error.InternalError}");
                }

                answers[start + i] = answer?.Allowed == true;
            }
        }

        return answers;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListObjectsAsync(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        var response = await Engine.ListObjectsAsync(connection.StoreId, ListObjectsRequestOf(connection, query), cancellationToken).ConfigureAwait(false);
        return response.Objects;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> StreamListObjectsAsync(
        FgaConnection connection, ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await Engine.StreamedListObjectsAsync(connection.StoreId, ListObjectsRequestOf(connection, query), cancellationToken).ConfigureAwait(false);
        foreach (var @object in response.Objects)
        {
            yield return @object;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListUsersAsync(FgaConnection connection, ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var response = await Engine.ListUsersAsync(connection.StoreId, WireRequests.ListUsers(query, connection.AuthorizationModelId), cancellationToken).ConfigureAwait(false);
        return WireAnswers.UsersOf(response);
    }

    /// <inheritdoc />
    public async Task<FgaReadPage> ReadAsync(FgaConnection connection, ReadQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var response = await Engine.ReadAsync(connection.StoreId, WireRequests.Read(query, continuationToken), cancellationToken).ConfigureAwait(false);
        return WireAnswers.ReadPageOf(response);
    }

    /// <inheritdoc />
    public async Task<FgaExpandNode> ExpandAsync(FgaConnection connection, ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var response = await Engine.ExpandAsync(connection.StoreId, WireRequests.Expand(query, connection.AuthorizationModelId), cancellationToken).ConfigureAwait(false);
        return WireAnswers.ExpandNodeOf(response.Tree?.Root ?? throw FgaEngineException.Validation("Expand returned no tree."));
    }

    private static ListObjectsRequest ListObjectsRequestOf(FgaConnection connection, ListObjectsQuery query)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        return WireRequests.ListObjects(query, connection.AuthorizationModelId);
    }
}
