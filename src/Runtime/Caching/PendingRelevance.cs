using TypedFga.Backends;
using TypedFga.Wire;

namespace TypedFga.Caching;

/// <summary>
/// Picks, among pending tuples, those whose operations can change one check's answer, by following the model from
/// the checked object: a relation's own tuples on that object (for the checked user, a wildcard of its type, or a
/// userset), the relations its rewrite computes from on the same object, and through tuple-to-userset and userset
/// edges the objects they name, read from the backend and from the pending tuples themselves.
/// </summary>
/// <remarks>
/// <para>Edges are read only when some pending tuple could lie behind them, so pending operations on other objects
/// or unrelated relations cost a check nothing. Where an edge cannot be read (more than
/// <see cref="MaxUsersPerEdge"/> tuples on it, a backend that cannot read, the walk grows past its bounds), every
/// pending tuple of the relations behind it counts, as a type-level match: always safe, only less precise.</para>
/// <para>An edge pending in the outbox counts whether its operation is a grant or a revoke, since either may be what
/// the backend holds while the check runs.</para>
/// </remarks>
internal sealed class PendingRelevance
{
    /// <summary>The most users read from one edge; an edge with more is not followed object by object.</summary>
    public const int MaxUsersPerEdge = 100;

    // Bounds on one walk, so that a deep or wide model cannot make a check slower than it would be by flushing.
    private const int MaxEdgeReads = 16;
    private const int MaxNodes = 1024;

    private readonly RelationDependencies _dependencies;
    private readonly IFgaBackend _backend;

    public PendingRelevance(RelationDependencies dependencies, IFgaBackend backend)
    {
        _dependencies = dependencies;
        _backend = backend;
    }

    /// <summary>
    /// The pending tuples, as (object, relation, user), that can change the answer of <paramref name="query"/>; null
    /// when every pending tuple may (the checked type is not in the model).
    /// </summary>
    /// <param name="connection">The store, for the edges read from the backend.</param>
    /// <param name="query">The check.</param>
    /// <param name="pending">The pending tuples of the check's snapshot.</param>
    /// <param name="edges">Edges already read for this check, reused and added to.</param>
    /// <param name="cancellationToken">Cancels the backend's reads.</param>
    public async ValueTask<HashSet<(string Object, string Relation, string User)>?> SelectAsync(
        FgaConnection connection, CheckQuery query, IPendingTuples pending, EdgeCache edges, CancellationToken cancellationToken)
    {
        if (!_dependencies.KnowsType(TupleParts.TypeOf(query.Object)))
        {
            // Nothing can be ruled out for a type the model does not define.
            return null;
        }

        var walk = new Walk(this, connection, query, pending, edges, cancellationToken);
        await walk.RunAsync().ConfigureAwait(false);
        return walk.Selected;
    }

    /// <summary>The edges (users of one object's relation) a check has read from the backend, null where unreadable.</summary>
    internal sealed class EdgeCache
    {
        private readonly Dictionary<(string Object, string Relation), IReadOnlyList<string>?> _read = [];

        public int Reads { get; private set; }

        public async ValueTask<IReadOnlyList<string>?> ReadAsync(
            IFgaBackend backend, FgaConnection connection, string @object, string relation, CancellationToken cancellationToken)
        {
            if (_read.TryGetValue((@object, relation), out var known))
            {
                return known;
            }

            IReadOnlyList<string>? users = null;
            if (++Reads <= MaxEdgeReads)
            {
                users = await backend.ReadUsersAsync(connection, @object, relation, MaxUsersPerEdge, cancellationToken).ConfigureAwait(false);
            }

            _read[(@object, relation)] = users;
            return users;
        }
    }

    private sealed class Walk
    {
        private readonly PendingRelevance _owner;
        private readonly FgaConnection _connection;
        private readonly CheckQuery _query;
        private readonly IPendingTuples _pending;
        private readonly EdgeCache _edges;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<(string Object, string Relation)> _visited = [];
        private readonly Queue<(string Object, string Relation)> _queue = new();
        private readonly Dictionary<(string Type, string Relation), bool> _anythingBehind = [];
        private readonly string _userType;
        private readonly bool _userIsObject;
        private bool _tooLarge;

        public Walk(PendingRelevance owner, FgaConnection connection, CheckQuery query, IPendingTuples pending, EdgeCache edges, CancellationToken cancellationToken)
        {
            _owner = owner;
            _connection = connection;
            _query = query;
            _pending = pending;
            _edges = edges;
            _cancellationToken = cancellationToken;
            _userType = TupleParts.TypeOf(query.User);
            _userIsObject = !query.User.Contains('#', StringComparison.Ordinal);
        }

        public HashSet<(string Object, string Relation, string User)> Selected { get; } = [];

        private RelationDependencies Dependencies => _owner._dependencies;

        public async Task RunAsync()
        {
            Enqueue(_query.Object, _query.Relation);
            while (_queue.Count > 0 && !_tooLarge)
            {
                var (@object, relation) = _queue.Dequeue();
                if (Dependencies.TryGetRewrite(TupleParts.TypeOf(@object), relation, out var definition, out var rewrite))
                {
                    await VisitAsync(definition, @object, relation, rewrite).ConfigureAwait(false);
                }
            }

            if (_tooLarge)
            {
                SelectEverythingBehind([(TupleParts.TypeOf(_query.Object), _query.Relation)]);
            }
        }

        private void SelectEverythingOf(IReadOnlyCollection<(string Type, string Relation)> relations)
        {
            foreach (var (type, relation) in relations)
            {
                foreach (var (@object, user) in _pending.TuplesOf(type, relation))
                {
                    Selected.Add((@object, relation, user));
                }
            }
        }

        private async Task VisitAsync(TypeDefinition definition, string @object, string relation, Userset rewrite)
        {
            if (rewrite.This is not null)
            {
                await VisitDirectAsync(definition, @object, relation).ConfigureAwait(false);
            }

            if (rewrite.ComputedUserset?.Relation is { } computed)
            {
                Enqueue(@object, computed);
            }

            if (rewrite.TupleToUserset is { Tupleset.Relation: { } tupleset, ComputedUserset.Relation: { } target })
            {
                await VisitTupleToUsersetAsync(definition, @object, tupleset, target).ConfigureAwait(false);
            }

            foreach (var child in (rewrite.Union?.Child ?? []).Concat(rewrite.Intersection?.Child ?? []))
            {
                await VisitAsync(definition, @object, relation, child).ConfigureAwait(false);
            }

            if (rewrite.Difference?.Base is { } @base)
            {
                await VisitAsync(definition, @object, relation, @base).ConfigureAwait(false);
            }

            if (rewrite.Difference?.Subtract is { } subtract)
            {
                await VisitAsync(definition, @object, relation, subtract).ConfigureAwait(false);
            }
        }

        // The relation's own tuples on this object: those for the checked user or a wildcard of its type decide
        // directly; a userset leads on to its members.
        private async Task VisitDirectAsync(TypeDefinition definition, string @object, string relation)
        {
            foreach (var user in _pending.UsersOn(@object, relation))
            {
                if (TupleParts.SplitUserset(user) is { } userset)
                {
                    Selected.Add((@object, relation, user));
                    Enqueue(userset.Object, userset.Relation);
                }
                else if (user == _query.User || (_userIsObject && TupleParts.IsWildcardOf(user, _userType)))
                {
                    Selected.Add((@object, relation, user));
                }
            }

            foreach (var user in ContextualUsers(@object, relation))
            {
                if (TupleParts.SplitUserset(user) is { } userset)
                {
                    Enqueue(userset.Object, userset.Relation);
                }
            }

            var usersetTargets = RelationDependencies.RestrictionsOf(definition, relation)
                .Where(r => r.Type is not null && r.Relation is not null)
                .Select(r => (Type: r.Type!, Relation: r.Relation!))
                .Where(CouldBeBehind)
                .ToList();
            if (usersetTargets.Count == 0)
            {
                return;
            }

            var stored = await _edges.ReadAsync(_owner._backend, _connection, @object, relation, _cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                SelectEverythingBehind(usersetTargets);
                return;
            }

            foreach (var user in stored)
            {
                if (TupleParts.SplitUserset(user) is { } userset)
                {
                    Enqueue(userset.Object, userset.Relation);
                }
            }
        }

        // A tuple-to-userset: every tuple on the tupleset relation of this object counts (it adds or removes a
        // parent), and the parents it names lead on to their own relation.
        private async Task VisitTupleToUsersetAsync(TypeDefinition definition, string @object, string tupleset, string target)
        {
            foreach (var parent in _pending.UsersOn(@object, tupleset))
            {
                Selected.Add((@object, tupleset, parent));
                EnqueueParent(parent, target);
            }

            foreach (var parent in ContextualUsers(@object, tupleset))
            {
                EnqueueParent(parent, target);
            }

            var parentTargets = RelationDependencies.RestrictionsOf(definition, tupleset)
                .Select(r => r.Type)
                .OfType<string>()
                .Distinct(StringComparer.Ordinal)
                .Select(type => (Type: type, Relation: target))
                .Where(CouldBeBehind)
                .ToList();
            if (parentTargets.Count == 0)
            {
                return;
            }

            var stored = await _edges.ReadAsync(_owner._backend, _connection, @object, tupleset, _cancellationToken).ConfigureAwait(false);
            if (stored is null)
            {
                SelectEverythingBehind(parentTargets);
                return;
            }

            foreach (var parent in stored)
            {
                EnqueueParent(parent, target);
            }
        }

        private void EnqueueParent(string parent, string relation)
        {
            // Tupleset users are objects; a userset there is not followed by OpenFGA either.
            if (!parent.Contains('#', StringComparison.Ordinal))
            {
                Enqueue(parent, relation);
            }
        }

        private IEnumerable<string> ContextualUsers(string @object, string relation)
        {
            foreach (var tuple in _query.ContextualTuples ?? [])
            {
                if (tuple.Object == @object && tuple.Relation == relation)
                {
                    yield return tuple.User;
                }
            }
        }

        private void Enqueue(string @object, string relation)
        {
            if (!CouldBeBehind((TupleParts.TypeOf(@object), relation)) || !_visited.Add((@object, relation)))
            {
                return;
            }

            if (_visited.Count > MaxNodes)
            {
                _tooLarge = true;
                return;
            }

            _queue.Enqueue((@object, relation));
        }

        // True when a pending tuple of some relation that can change an answer of `type#relation` may exist.
        private bool CouldBeBehind((string Type, string Relation) node)
        {
            if (!_anythingBehind.TryGetValue(node, out var any))
            {
                any = Dependencies.ClosureOf(node.Type, node.Relation).Any(dependency => _pending.AnyOn(dependency.Type, dependency.Relation));
                _anythingBehind[node] = any;
            }

            return any;
        }

        // An edge that could not be read: whatever lies behind it counts, object by object unknown.
        private void SelectEverythingBehind(IEnumerable<(string Type, string Relation)> targets)
        {
            foreach (var target in targets)
            {
                SelectEverythingOf(Dependencies.ClosureOf(target.Type, target.Relation));
            }
        }
    }
}
