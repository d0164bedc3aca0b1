namespace TypedFga.Testing;

/// <summary>
/// An in-memory <see cref="IFgaClient"/> for tests: records every call and answers checks from the
/// tuples granted so far, by exact match or a type wildcard (<c>user:*</c>). It does not evaluate the
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
            _operations.Add(new RecordedOperation(
                RecordedOperationKind.Check, new TupleKey(query.User, query.Relation, query.Object), WriteMode.Default, query.Context));
            var key = (query.User, query.Relation, query.Object);
            if (_forced.TryGetValue(key, out var forced))
            {
                return ValueTask.FromResult(forced);
            }

            return ValueTask.FromResult(_tuples.ContainsKey(key) || IsGrantedToWildcard(query) || IsContextual(query));
        }
    }

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
