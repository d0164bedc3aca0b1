using System.Runtime.CompilerServices;

namespace TypedFga.Testing;

/// <summary>
/// An in-memory <see cref="IFgaClient"/> for tests: records every call and answers checks (and batch checks, list
/// objects, list users, read and expand) from the tuples granted so far, by exact match or a type wildcard (<c>user:*</c>). It does not evaluate the
/// model's rewrites (computed relations, <c>from</c>, <c>and</c>, <c>but not</c>) or conditions;
/// use the embedded engine for that. Answers can be forced with <see cref="SetCheckResult"/>.
/// </summary>
public sealed class RecordingFgaClient : IFgaClient
{
    private readonly Lock _gate = new();
    private readonly List<RecordedOperation> _operations = [];
    private readonly Dictionary<(string User, string Relation, string Object), TupleKey> _tuples = [];
    private readonly Dictionary<(string User, string Relation, string Object), bool> _forced = [];

    /// <summary>Every call, in order.</summary>
    public IReadOnlyList<RecordedOperation> Operations
    {
        get { lock (_gate) return _operations.ToArray(); }
    }

    /// <summary>The tuples that exist after the recorded grants and revokes.</summary>
    public IReadOnlyCollection<TupleKey> Tuples
    {
        get { lock (_gate) return _tuples.Values.ToArray(); }
    }

    /// <summary>Makes every later check of this exact triple answer <paramref name="allowed"/>.</summary>
    public void SetCheckResult(string user, string relation, string @object, bool allowed)
    {
        lock (_gate) _forced[(user, relation, @object)] = allowed;
    }

    /// <summary>Forgets every recorded operation and tuple.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _operations.Clear();
            _tuples.Clear();
            _forced.Clear();
        }
    }

    /// <inheritdoc />
    public ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.Grant, tuple, mode));
            _tuples[(tuple.User, tuple.Relation, tuple.Object)] = tuple;
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.Revoke, tuple, mode));
            _tuples.Remove((tuple.User, tuple.Relation, tuple.Object));
        }
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(RecordAndAnswer(query));
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<bool>> BatchCheckAsync(IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(checks);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Recorded as the checks they are made of, so a test asserts on them the same way.
            return ValueTask.FromResult<IReadOnlyList<bool>>(checks.Select(check => RecordAndAnswer(check ?? throw new ArgumentException("A check of the batch is null.", nameof(checks)))).ToArray());
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.ListObjects, new TupleKey(query.User, query.Relation, query.Type + ":"), WriteMode.Default, query.Context));
            var candidates = _tuples.Keys.Select(key => key.Object)
                .Concat(_forced.Keys.Select(key => key.Object))
                .Concat(query.ContextualTuples?.Select(tuple => tuple.Object) ?? [])
                .Where(o => TupleParts.TypeOf(o) == query.Type && o.Length > query.Type.Length + 1)
                .Distinct(StringComparer.Ordinal);
            IReadOnlyList<string> objects = candidates
                .Where(o => Answer(new CheckQuery(query.User, query.Relation, o, ContextualTuples: query.ContextualTuples)))
                .Order(StringComparer.Ordinal)
                .ToArray();
            return ValueTask.FromResult(objects);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<string> StreamListObjectsAsync(ListObjectsQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var @object in await ListObjectsAsync(query, cancellationToken).ConfigureAwait(false))
        {
            yield return @object;
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> ListUsersAsync(ListUsersQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.ListUsers, new TupleKey(query.UserFilter, query.Relation, query.Object), WriteMode.Default, query.Context));
            var (type, relation) = TupleParts.SplitUserFilter(query.UserFilter);
            IReadOnlyList<string> users = _tuples.Values
                .Concat(query.ContextualTuples ?? [])
                .Where(tuple => tuple.Object == query.Object && tuple.Relation == query.Relation && MatchesFilter(tuple.User, type, relation))
                .Select(tuple => tuple.User)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return ValueTask.FromResult(users);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<FgaTupleRecord> ReadAsync(ReadQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        FgaTupleRecord[] found;
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.Read, new TupleKey(query.User ?? "", query.Relation ?? "", query.Object ?? ""), WriteMode.Default));
            var typeOnly = query.Object is { } filter && filter.EndsWith(':');
            found = _tuples.Values
                .Where(tuple => query.Object is null || (typeOnly ? tuple.Object.StartsWith(query.Object, StringComparison.Ordinal) : tuple.Object == query.Object))
                .Where(tuple => (query.Relation is null || tuple.Relation == query.Relation) && (query.User is null || tuple.User == query.User))
                .Select(tuple => new FgaTupleRecord(tuple, FgaTupleState.Stored, WrittenAt: null))
                .ToArray();
        }

        foreach (var record in found)
        {
            await Task.Yield();
            yield return record;
        }
    }

    /// <inheritdoc />
    public ValueTask<FgaExpandNode> ExpandAsync(ExpandQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _operations.Add(new RecordedOperation(RecordedOperationKind.Expand, new TupleKey("", query.Relation, query.Object), WriteMode.Default));
            // Only direct tuples are recorded, so the tree is their one leaf.
            var users = _tuples.Values
                .Where(tuple => tuple.Object == query.Object && tuple.Relation == query.Relation)
                .Select(tuple => tuple.User)
                .Order(StringComparer.Ordinal)
                .ToArray();
            return ValueTask.FromResult<FgaExpandNode>(new FgaExpandUsers(query.Object + "#" + query.Relation, users));
        }
    }

    private bool RecordAndAnswer(CheckQuery query)
    {
        _operations.Add(new RecordedOperation(
            RecordedOperationKind.Check, new TupleKey(query.User, query.Relation, query.Object), WriteMode.Default, query.Context));
        return Answer(query);
    }

    private bool Answer(CheckQuery query)
    {
        var key = (query.User, query.Relation, query.Object);
        if (_forced.TryGetValue(key, out var forced))
        {
            return forced;
        }

        return _tuples.ContainsKey(key) || IsGrantedToWildcard(query) || IsContextual(query);
    }

    // A type filter finds objects and the wildcard of the type; a userset filter finds usersets of that relation.
    private static bool MatchesFilter(string user, string type, string? relation) =>
        TupleParts.TypeOf(user) == type
        && (relation is null
            ? !user.Contains('#', StringComparison.Ordinal)
            : TupleParts.SplitUserset(user) is { } userset && userset.Relation == relation);

    private bool IsGrantedToWildcard(CheckQuery query)
    {
        var colon = query.User.IndexOf(':');
        if (colon <= 0 || query.User.Contains('#'))
        {
            return false;
        }

        var wildcard = string.Concat(query.User.AsSpan(0, colon), ":*");
        return _tuples.ContainsKey((wildcard, query.Relation, query.Object));
    }

    private static bool IsContextual(CheckQuery query) =>
        query.ContextualTuples?.Any(t => t.User == query.User && t.Relation == query.Relation && t.Object == query.Object) == true;
}
