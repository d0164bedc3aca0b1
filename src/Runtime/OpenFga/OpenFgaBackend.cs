using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.OpenFga;

/// <summary>
/// The <see cref="IFgaBackend"/> that talks to an OpenFGA server through <see cref="OpenFgaHttpClient"/>.
/// Every request carries an authorization model id: the connection's, else the client's configured one,
/// else the store's latest model, looked up once per store and then reused (pin the model id to follow
/// model changes deliberately).
/// </summary>
public sealed class OpenFgaBackend : IFgaBackend
{
    private readonly OpenFgaHttpClient _client;
    private readonly ConcurrentDictionary<string, string> _latestModelIds = new(StringComparer.Ordinal);

    /// <summary>Creates the backend over <paramref name="client"/>.</summary>
    public OpenFgaBackend(OpenFgaHttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

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
        if (writes.Count == 0 && deletes.Count == 0)
        {
            return;
        }

        var modelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false);
        await _client.WriteAsync(WireRequests.Write(writes, deletes, conflicts, modelId), connection.StoreId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = WireRequests.Check(query, await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false));
        var response = await _client.CheckAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
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
                WireAnswers.UsersOf(await _client.ReadAsync(request with { ContinuationToken = continuation }, connection.StoreId, token).ConfigureAwait(false)),
            limit,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<bool>> BatchCheckAsync(
        FgaConnection connection, IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(checks);
        if (checks.Count == 0)
        {
            return [];
        }

        var items = new BatchCheckItem[checks.Count];
        var consistency = FgaConsistency.MinimizeLatency;
        for (var i = 0; i < checks.Count; i++)
        {
            var check = checks[i] ?? throw new ArgumentException($"Check {i} of the batch is null.", nameof(checks));
            consistency = check.Consistency > consistency ? check.Consistency : consistency;
            // No correlation id: the client assigns one to each check and maps the answers back in order.
            items[i] = WireRequests.BatchCheckItem(check, correlationId: null);
        }

        var request = new BatchCheckRequest
        {
            Checks = items,
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = WireRequests.ConsistencyOf(consistency),
        };
        var results = await _client.BatchCheckAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        var answers = new bool[results.Count];
        for (var i = 0; i < results.Count; i++)
        {
            if (results[i].Error is { } error)
            {
                throw new FgaApiException(
                    System.Net.HttpStatusCode.BadRequest,
                    error.InputError ?? error.InternalError ?? "batch_check_error",
                    $"Check {i} of the batch ({checks[i].Object}#{checks[i].Relation}@{checks[i].User}) failed: {error.Message}");
            }

            answers[i] = results[i].Allowed;
        }

        return answers;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListObjectsAsync(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        var request = await ListObjectsRequestOf(connection, query, cancellationToken).ConfigureAwait(false);
        var response = await _client.ListObjectsAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return response.Objects;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> StreamListObjectsAsync(
        FgaConnection connection, ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = await ListObjectsRequestOf(connection, query, cancellationToken).ConfigureAwait(false);
        await foreach (var @object in _client.StreamedListObjectsAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false))
        {
            yield return @object;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListUsersAsync(FgaConnection connection, ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = WireRequests.ListUsers(query, await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false));
        var response = await _client.ListUsersAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return WireAnswers.UsersOf(response);
    }

    /// <inheritdoc />
    public async Task<FgaReadPage> ReadAsync(FgaConnection connection, ReadQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var response = await _client.ReadAsync(WireRequests.Read(query, continuationToken), connection.StoreId, cancellationToken).ConfigureAwait(false);
        return WireAnswers.ReadPageOf(response);
    }

    /// <inheritdoc />
    public async Task<FgaExpandNode> ExpandAsync(FgaConnection connection, ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = WireRequests.Expand(query, await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false));
        var response = await _client.ExpandAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return WireAnswers.ExpandNodeOf(response.Tree?.Root
            ?? throw new FgaApiException(System.Net.HttpStatusCode.OK, "invalid_response_body", "The answer to Expand has no tree."));
    }

    private async Task<ListObjectsRequest> ListObjectsRequestOf(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        return WireRequests.ListObjects(query, await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false));
    }

    private async ValueTask<string?> ResolveModelIdAsync(FgaConnection connection, CancellationToken cancellationToken)
    {
        if ((connection.AuthorizationModelId ?? _client.Options.AuthorizationModelId) is { } configured)
        {
            return configured;
        }

        if (_latestModelIds.TryGetValue(connection.StoreId, out var cached))
        {
            return cached;
        }

        var latest = await _client.ReadLatestAuthorizationModelAsync(connection.StoreId, cancellationToken).ConfigureAwait(false);
        if (latest?.Id is not { Length: > 0 } id)
        {
            // No model yet: send none and let the server answer with its own error.
            return null;
        }

        return _latestModelIds.GetOrAdd(connection.StoreId, id);
    }
}
