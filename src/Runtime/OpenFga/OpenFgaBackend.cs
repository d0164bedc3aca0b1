using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using TypedFga.Backends;
using TypedFga.OpenFga.Contracts;

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

        var request = new WriteRequest
        {
            // Both settings are always explicit, as the OpenFGA SDKs send them.
            Writes = writes.Count == 0 ? null : new WriteRequestWrites
            {
                TupleKeys = writes,
                OnDuplicate = conflicts.IgnoreDuplicateWrites ? WriteConflictAction.Ignore : WriteConflictAction.Error,
            },
            Deletes = deletes.Count == 0 ? null : new WriteRequestDeletes
            {
                TupleKeys = deletes.Select(TupleKeyWithoutCondition.From).ToArray(),
                OnMissing = conflicts.IgnoreMissingDeletes ? WriteConflictAction.Ignore : WriteConflictAction.Error,
            },
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
        };
        await _client.WriteAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new CheckRequest
        {
            TupleKey = new TupleKeyWithoutCondition { User = query.User, Relation = query.Relation, Object = query.Object },
            ContextualTuples = ContextualOf(query.ContextualTuples),
            Context = query.Context,
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = ToConsistencyPreference(query.Consistency),
        };
        var response = await _client.CheckAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return response.Allowed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>?> ReadUsersAsync(
        FgaConnection connection, string @object, string relation, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var request = new ReadRequest { TupleKey = new ReadRequestTupleKey { Object = @object, Relation = relation }, PageSize = Math.Min(limit, 100) };
        return await StoredUserReader.ReadAsync(
            async (continuation, token) =>
            {
                var page = await _client.ReadAsync(request with { ContinuationToken = continuation }, connection.StoreId, token).ConfigureAwait(false);
                return ((page.Tuples ?? []).Select(tuple => tuple.Key?.User), page.ContinuationToken);
            },
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
            items[i] = new BatchCheckItem
            {
                TupleKey = new TupleKeyWithoutCondition { User = check.User, Relation = check.Relation, Object = check.Object },
                ContextualTuples = ContextualOf(check.ContextualTuples),
                Context = check.Context,
            };
        }

        var request = new BatchCheckRequest
        {
            Checks = items,
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = ToConsistencyPreference(consistency),
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
        return response.Objects ?? [];
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
        var (filterType, filterRelation) = TupleParts.SplitUserFilter(query.UserFilter);
        var request = new ListUsersRequest
        {
            Object = new FgaObject { Type = TupleParts.TypeOf(query.Object), Id = TupleParts.IdOf(query.Object) },
            Relation = query.Relation,
            UserFilters = [new UserTypeFilter { Type = filterType, Relation = filterRelation }],
            ContextualTuples = query.ContextualTuples is { Count: > 0 } contextual ? contextual : null,
            Context = query.Context,
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = ToConsistencyPreference(query.Consistency),
        };
        var response = await _client.ListUsersAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return (response.Users ?? []).Select(user => user.ToString()).Where(user => user.Length > 0).ToList();
    }

    /// <inheritdoc />
    public async Task<FgaReadPage> ReadAsync(FgaConnection connection, ReadQuery query, string? continuationToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new ReadRequest
        {
            TupleKey = query is { Object: null, Relation: null, User: null }
                ? null
                : new ReadRequestTupleKey { Object = query.Object, Relation = query.Relation, User = query.User },
            PageSize = query.PageSize,
            ContinuationToken = continuationToken,
            Consistency = ToConsistencyPreference(query.Consistency),
        };
        var response = await _client.ReadAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        var tuples = (response.Tuples ?? [])
            .Where(tuple => tuple.Key is not null)
            .Select(tuple => new FgaTupleRecord(tuple.Key!, FgaTupleState.Stored, tuple.Timestamp))
            .ToList();
        return new FgaReadPage(tuples, response.ContinuationToken);
    }

    /// <inheritdoc />
    public async Task<FgaExpandNode> ExpandAsync(FgaConnection connection, ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        var request = new ExpandRequest
        {
            TupleKey = new ExpandRequestTupleKey { Object = query.Object, Relation = query.Relation },
            ContextualTuples = ContextualOf(query.ContextualTuples),
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = ToConsistencyPreference(query.Consistency),
        };
        var response = await _client.ExpandAsync(request, connection.StoreId, cancellationToken).ConfigureAwait(false);
        return ToNode(response.Tree?.Root
            ?? throw new FgaApiException(System.Net.HttpStatusCode.OK, "invalid_response_body", "The answer to Expand has no tree."));
    }

    private static FgaExpandNode ToNode(ExpandNode node)
    {
        var name = node.Name ?? "";
        return node switch
        {
            { Leaf.Users: { } users } => new FgaExpandUsers(name, users.Users ?? []),
            { Leaf.Computed: { } computed } => new FgaExpandComputed(name, computed.Userset ?? ""),
            { Leaf.TupleToUserset: { } ttu } => new FgaExpandTupleToUserset(
                name, ttu.Tupleset ?? "", (ttu.Computed ?? []).Select(c => c.Userset ?? "").ToList()),
            { Union: { } union } => new FgaExpandUnion(name, (union.Nodes ?? []).Select(ToNode).ToList()),
            { Intersection: { } intersection } => new FgaExpandIntersection(name, (intersection.Nodes ?? []).Select(ToNode).ToList()),
            { Difference: { Base: { } @base, Subtract: { } subtract } } => new FgaExpandDifference(name, ToNode(@base), ToNode(subtract)),
            // A leaf with no users: OpenFGA leaves the empty list out of its JSON.
            _ => new FgaExpandUsers(name, []),
        };
    }

    private async Task<ListObjectsRequest> ListObjectsRequestOf(FgaConnection connection, ListObjectsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(query);
        return new ListObjectsRequest
        {
            Type = query.Type,
            Relation = query.Relation,
            User = query.User,
            ContextualTuples = ContextualOf(query.ContextualTuples),
            Context = query.Context,
            AuthorizationModelId = await ResolveModelIdAsync(connection, cancellationToken).ConfigureAwait(false),
            Consistency = ToConsistencyPreference(query.Consistency),
        };
    }

    private static ContextualTupleKeys? ContextualOf(IReadOnlyList<TupleKey>? tuples) =>
        tuples is { Count: > 0 } ? new ContextualTupleKeys { TupleKeys = tuples } : null;

    // The default sends nothing, as OpenFGA's SDKs do when no preference is set: the server then answers as for
    // MINIMIZE_LATENCY (its UNSPECIFIED is the same), and the body stays what servers before 1.5.7 expect.
    private static ConsistencyPreference? ToConsistencyPreference(FgaConsistency consistency) => consistency switch
    {
        FgaConsistency.HigherConsistency => ConsistencyPreference.HigherConsistency,
        _ => null,
    };

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
