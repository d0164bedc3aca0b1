using System.Collections.Concurrent;
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
            ContextualTuples = query.ContextualTuples is { Count: > 0 } contextual ? new ContextualTupleKeys { TupleKeys = contextual } : null,
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
