using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

// The queries other than Check: batch check, list objects, list users, read and expand, each reflecting the operations
// this process acknowledged before it began.
public sealed partial class FgaClient
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<bool>> BatchCheckAsync(IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        for (var i = 0; i < checks.Count; i++)
        {
            Require(checks[i] ?? throw new ArgumentException($"Check {i} of the batch is null.", nameof(checks)));
        }

        if (checks.Count == 0)
        {
            return [];
        }

        var connection = await GetConnectionAsync().ConfigureAwait(false);
        if (_writeBehind is null || !_writeBehind.Outbox.MayHavePending)
        {
            return await _backend.BatchCheckAsync(connection, checks, cancellationToken).ConfigureAwait(false);
        }

        // One snapshot for the whole batch, and one edge cache: its checks often share objects.
        var began = Snapshot.Begin(_writeBehind.Outbox);
        var edges = new PendingRelevance.EdgeCache();
        var asked = new List<CheckQuery>(checks.Count);
        var positions = new List<int>(checks.Count);
        for (var i = 0; i < checks.Count; i++)
        {
            var prepared = await PrepareCheckAsync(connection, checks[i], began, edges, activity: null, cancellationToken).ConfigureAwait(false);
            if (prepared is not null)
            {
                asked.Add(prepared);
                positions.Add(i);
            }
        }

        var answers = new bool[checks.Count];
        if (asked.Count > 0)
        {
            var allowed = await _backend.BatchCheckAsync(connection, asked, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < positions.Count; i++)
            {
                answers[positions[i]] = allowed[i];
            }
        }

        return answers;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        Require(query);
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        var prepared = await PrepareQueryAsync(connection, ScopeOf(query), query.ContextualTuples, cancellationToken).ConfigureAwait(false);
        if (prepared.AnswersNothing)
        {
            return [];
        }

        var objects = await _backend.ListObjectsAsync(connection, query with { ContextualTuples = prepared.ContextualTuples }, cancellationToken).ConfigureAwait(false);
        return prepared.Blocking.Count == 0
            ? objects
            : await WithoutBlockedAsync(connection, objects, o => new CheckQuery(query.User, query.Relation, o), prepared.Blocking, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> StreamListObjectsAsync(ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Require(query);
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        var prepared = await PrepareQueryAsync(connection, ScopeOf(query), query.ContextualTuples, cancellationToken).ConfigureAwait(false);
        if (prepared.AnswersNothing)
        {
            yield break;
        }

        var stream = _backend.StreamListObjectsAsync(connection, query with { ContextualTuples = prepared.ContextualTuples }, cancellationToken);
        await foreach (var @object in stream.ConfigureAwait(false))
        {
            if (prepared.Blocking.Count == 0
                || (await WithoutBlockedAsync(connection, [@object], o => new CheckQuery(query.User, query.Relation, o), prepared.Blocking, cancellationToken).ConfigureAwait(false)).Count == 1)
            {
                yield return @object;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> ListUsersAsync(ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        Require(query);
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        var scope = new PendingScope(TupleParts.TypeOf(query.Object), query.Relation, User: null, $"ListUsers {query.Object}#{query.Relation} of {query.UserFilter}");
        var prepared = await PrepareQueryAsync(connection, scope, query.ContextualTuples, cancellationToken).ConfigureAwait(false);
        if (prepared.AnswersNothing)
        {
            return [];
        }

        var users = await _backend.ListUsersAsync(connection, query with { ContextualTuples = prepared.ContextualTuples }, cancellationToken).ConfigureAwait(false);
        return prepared.Blocking.Count == 0
            ? users
            : await WithoutBlockedAsync(connection, users, u => new CheckQuery(u, query.Relation, query.Object), prepared.Blocking, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<FgaExpandNode> ExpandAsync(ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.Object, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.Relation, nameof(query));
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        var description = $"Expand {query.Object}#{query.Relation}";
        var scope = new PendingScope(TupleParts.TypeOf(query.Object), query.Relation, User: null, description);
        var prepared = await PrepareQueryAsync(connection, scope, query.ContextualTuples, cancellationToken).ConfigureAwait(false);
        if (prepared.AnswersNothing || prepared.Blocking.Count > 0)
        {
            // A tree has no part that can safely be left out: say so rather than show what OpenFGA holds.
            var first = prepared.Blocking.Count > 0 ? prepared.Blocking[0].Tuple : new TupleKey("", query.Relation, query.Object);
            throw new FgaPendingWriteException(description, first, prepared.BlockingReason ?? "too many pending operations could not be flushed");
        }

        return await _backend.ExpandAsync(connection, query with { ContextualTuples = prepared.ContextualTuples }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FgaTupleRecord> ReadAsync(ReadQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 100, nameof(query));
        var connection = await GetConnectionAsync().ConfigureAwait(false);
        var pending = await ReadPendingMatchingAsync(connection, query, cancellationToken).ConfigureAwait(false);
        string? continuation = null;
        while (true)
        {
            var page = await _backend.ReadAsync(connection, query, continuation, cancellationToken).ConfigureAwait(false);
            foreach (var stored in page.Tuples)
            {
                var key = (stored.Tuple.Object, stored.Tuple.Relation, stored.Tuple.User);
                if (pending.Remove(key, out var operation))
                {
                    yield return operation.Kind == OutboxOperationKind.Grant
                        ? new FgaTupleRecord(operation.Tuple, FgaTupleState.PendingGrant, stored.WrittenAt)
                        : stored with { State = FgaTupleState.PendingRevoke };
                }
                else
                {
                    yield return stored;
                }
            }

            // A server that hands back the token it was given has no further page.
            if (string.IsNullOrEmpty(page.ContinuationToken) || page.ContinuationToken == continuation)
            {
                break;
            }

            continuation = page.ContinuationToken;
        }

        // Pending grants of tuples OpenFGA does not hold yet; a pending revoke of one it does not hold shows nothing.
        foreach (var operation in pending.Values.Where(op => op.Kind == OutboxOperationKind.Grant).OrderBy(op => op.Sequence))
        {
            yield return new FgaTupleRecord(operation.Tuple, FgaTupleState.PendingGrant, WrittenAt: null);
        }
    }

    // The latest pending operation per tuple matching a Read's filter, of what was acknowledged before it began.
    private async Task<Dictionary<(string Object, string Relation, string User), PendingOperation>> ReadPendingMatchingAsync(
        FgaConnection connection, ReadQuery query, CancellationToken cancellationToken)
    {
        if (_writeBehind is not { } writeBehind || !writeBehind.Outbox.MayHavePending)
        {
            return [];
        }

        var outbox = writeBehind.Outbox;
        var upTo = outbox.ReadYourWritesWatermark;
        var objectType = query.Object is { Length: > 0 } given ? TupleParts.TypeOf(given) : null;
        var typeOnly = query.Object is { } o && o.EndsWith(':');
        var relations = objectType is null ? null : query.Relation is { } relation ? [relation] : _dependencies.RelationsOf(objectType);
        HashSet<(string Object, string Relation, string User)> selected = [];
        if (outbox.PendingTuples is { IsUsable: true } index && objectType is not null && relations is not null)
        {
            foreach (var name in relations)
            {
                if (!typeOnly)
                {
                    foreach (var user in index.UsersOn(connection.StoreId, query.Object!, name, upTo))
                    {
                        if (query.User is null || query.User == user)
                        {
                            selected.Add((query.Object!, name, user));
                        }
                    }

                    continue;
                }

                foreach (var (@object, user) in index.TuplesOf(connection.StoreId, objectType, name, upTo))
                {
                    if (query.User is null || query.User == user)
                    {
                        selected.Add((@object, name, user));
                    }
                }
            }
        }
        else
        {
            var snapshot = await outbox.GetPendingSnapshotAsync(
                connection.StoreId, query.Relation is { } only ? [only] : null, upToSequence: null, MaxPendingScanned, cancellationToken).ConfigureAwait(false);
            upTo = Math.Min(upTo, snapshot.UpToSequence);
            if (!snapshot.IsComplete)
            {
                ReadShowsPartOfPending(_logger, query.Object, query.Relation, query.User, MaxPendingScanned);
            }

            foreach (var operation in snapshot.Operations)
            {
                var tuple = operation.Tuple;
                if ((query.Object is null || (typeOnly ? TupleParts.TypeOf(tuple.Object) == objectType : tuple.Object == query.Object))
                    && (query.Relation is null || tuple.Relation == query.Relation)
                    && (query.User is null || tuple.User == query.User))
                {
                    selected.Add((tuple.Object, tuple.Relation, tuple.User));
                }
            }
        }

        var relevant = await ReadSelectedAsync(outbox, connection, selected, upTo, cancellationToken).ConfigureAwait(false);
        return relevant.Grants.Concat(relevant.SendFirst).ToDictionary(op => (op.Tuple.Object, op.Tuple.Relation, op.Tuple.User));
    }

    private static PendingScope ScopeOf(ListObjectsQuery query) =>
        new(query.Type, query.Relation, query.User, $"ListObjects {query.Type}#{query.Relation}@{query.User}");

    private static void Require(CheckQuery query)
    {
        ArgumentException.ThrowIfNullOrEmpty(query.User, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.Relation, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.Object, nameof(query));
    }

    private static void Require(ListObjectsQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.Type, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.Relation, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.User, nameof(query));
    }

    private static void Require(ListUsersQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentException.ThrowIfNullOrEmpty(query.Object, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.Relation, nameof(query));
        ArgumentException.ThrowIfNullOrEmpty(query.UserFilter, nameof(query));
    }

    [LoggerMessage(EventId = 3107, Level = LogLevel.Warning,
        Message = "Read of {Object}#{Relation}@{User} shows only the first {Limit} pending operations of this process: the outbox holds more.")]
    private static partial void ReadShowsPartOfPending(ILogger logger, string? @object, string? relation, string? user, int limit);
}
