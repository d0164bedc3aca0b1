using TypedFga.Backends;
using TypedFga.Embedded.Api;
using TypedFga.Outbox;

namespace TypedFga.Caching;

/// <summary>
/// Picks, among pending operations, those that can change one check's answer, by following the model from the
/// checked object: a relation's own tuples on that object (for the checked user, a wildcard of its type, or a
/// userset), the relations its rewrite computes from on the same object, and through tuple-to-userset and userset
/// edges the objects they name, read from the backend and from the pending operations themselves.
/// </summary>
/// <remarks>
/// <para>Edges are read only when some pending operation could lie behind them, so pending operations on other
/// objects or unrelated relations cost a check nothing. Where an edge cannot be read (more than
/// <see cref="MaxUsersPerEdge"/> tuples on it, a backend that cannot read, the walk grows past its bounds), every
/// pending operation of the relations behind it counts, as a type-level match: always safe, only less precise.</para>
/// <para>The walk takes the same view of tuples as a snapshot of the outbox: an edge pending there counts whether it
/// is a grant or a revoke, since either may be what the backend holds while the check runs.</para>
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
    /// The operations of <paramref name="candidates"/> (pending operations of the relations the check depends on)
    /// that can change the answer of <paramref name="query"/>, in their original order.
    /// </summary>
    public async ValueTask<IReadOnlyList<PendingOperation>> SelectAsync(
        FgaConnection connection, CheckQuery query, IReadOnlyList<PendingOperation> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        if (!_dependencies.KnowsType(TupleParts.TypeOf(query.Object)))
        {
            return candidates;
        }

        var walk = new Walk(this, connection, query, candidates, cancellationToken);
        await walk.RunAsync().ConfigureAwait(false);
        return walk.Selected();
    }

    private sealed class Walk
    {
        private readonly PendingRelevance _owner;
        private readonly FgaConnection _connection;
        private readonly CheckQuery _query;
        private readonly IReadOnlyList<PendingOperation> _candidates;
        private readonly CancellationToken _cancellationToken;
        private readonly bool[] _selected;
        private readonly Dictionary<(string Object, string Relation), List<int>> _byNode = [];
        private readonly HashSet<(string Object, string Relation)> _visited = [];
        private readonly Queue<(string Object, string Relation)> _queue = new();
        private readonly HashSet<(string Type, string Relation)> _nothingBehind = [];
        private readonly string _userType;
        private readonly bool _userIsObject;
        private int _selectedCount;
        private int _reads;
        private bool _selectAll;

        public Walk(PendingRelevance owner, FgaConnection connection, CheckQuery query, IReadOnlyList<PendingOperation> candidates, CancellationToken cancellationToken)
        {
            _owner = owner;
            _connection = connection;
            _query = query;
            _candidates = candidates;
            _cancellationToken = cancellationToken;
            _selected = new bool[candidates.Count];
            _userType = TupleParts.TypeOf(query.User);
            _userIsObject = !query.User.Contains('#', StringComparison.Ordinal);
            for (var i = 0; i < candidates.Count; i++)
            {
                var tuple = candidates[i].Tuple;
                var node = (tuple.Object, tuple.Relation);
                if (!_byNode.TryGetValue(node, out var indexes))
                {
                    _byNode[node] = indexes = [];
                }

                indexes.Add(i);
            }
        }

        private RelationDependencies Dependencies => _owner._dependencies;

        public IReadOnlyList<PendingOperation> Selected()
        {
            if (_selectAll || _selectedCount == _candidates.Count)
            {
                return _candidates;
            }

            var selected = new List<PendingOperation>(_selectedCount);
            for (var i = 0; i < _candidates.Count; i++)
            {
                if (_selected[i])
                {
                    selected.Add(_candidates[i]);
                }
            }

            return selected;
        }

        public async Task RunAsync()
        {
            Enqueue(_query.Object, _query.Relation);
            while (_queue.Count > 0 && !_selectAll && _selectedCount < _candidates.Count)
            {
                var (@object, relation) = _queue.Dequeue();
                if (!Dependencies.TryGetRewrite(TupleParts.TypeOf(@object), relation, out var definition, out var rewrite))
                {
                    continue;
                }

                await VisitAsync(definition, @object, relation, rewrite).ConfigureAwait(false);
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
            foreach (var index in IndexesOn(@object, relation))
            {
                var user = _candidates[index].Tuple.User;
                if (TupleParts.SplitUserset(user) is { } userset)
                {
                    Select(index);
                    Enqueue(userset.Object, userset.Relation);
                }
                else if (user == _query.User || (_userIsObject && TupleParts.IsWildcardOf(user, _userType)))
                {
                    Select(index);
                }
            }

            FollowContextual(@object, relation, static (walk, user) =>
            {
                if (TupleParts.SplitUserset(user) is { } userset)
                {
                    walk.Enqueue(userset.Object, userset.Relation);
                }
            });

            var usersetTargets = RelationDependencies.RestrictionsOf(definition, relation)
                .Where(r => r.Type is not null && r.Relation is not null)
                .Select(r => (Type: r.Type!, Relation: r.Relation!))
                .Where(CouldBeBehind)
                .ToList();
            if (usersetTargets.Count == 0)
            {
                return;
            }

            var stored = await ReadEdgeAsync(@object, relation).ConfigureAwait(false);
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
            foreach (var index in IndexesOn(@object, tupleset))
            {
                Select(index);
                EnqueueParent(_candidates[index].Tuple.User, target);
            }

            FollowContextual(@object, tupleset, (walk, user) => walk.EnqueueParent(user, target));

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

            var stored = await ReadEdgeAsync(@object, tupleset).ConfigureAwait(false);
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

        private void FollowContextual(string @object, string relation, Action<Walk, string> follow)
        {
            foreach (var tuple in _query.ContextualTuples ?? [])
            {
                if (tuple.Object == @object && tuple.Relation == relation)
                {
                    follow(this, tuple.User);
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
                _selectAll = true;
                return;
            }

            _queue.Enqueue((@object, relation));
        }

        private async Task<IReadOnlyList<string>?> ReadEdgeAsync(string @object, string relation)
        {
            if (++_reads > MaxEdgeReads)
            {
                return null;
            }

            return await _owner._backend.ReadUsersAsync(_connection, @object, relation, MaxUsersPerEdge, _cancellationToken).ConfigureAwait(false);
        }

        // True while some operation not yet selected could change an answer of `type#relation`; false answers are
        // remembered, since selecting more operations can only keep them false.
        private bool CouldBeBehind((string Type, string Relation) node)
        {
            if (_nothingBehind.Contains(node))
            {
                return false;
            }

            for (var i = 0; i < _candidates.Count; i++)
            {
                var tuple = _candidates[i].Tuple;
                if (!_selected[i] && Dependencies.CanAffect(TupleParts.TypeOf(tuple.Object), tuple.Relation, node.Type, node.Relation))
                {
                    return true;
                }
            }

            _nothingBehind.Add(node);
            return false;
        }

        // An edge that could not be read: whatever lies behind it counts, object by object unknown.
        private void SelectEverythingBehind(IEnumerable<(string Type, string Relation)> targets)
        {
            foreach (var target in targets)
            {
                for (var i = 0; i < _candidates.Count; i++)
                {
                    var tuple = _candidates[i].Tuple;
                    if (Dependencies.CanAffect(TupleParts.TypeOf(tuple.Object), tuple.Relation, target.Type, target.Relation))
                    {
                        Select(i);
                    }
                }
            }
        }

        private List<int> IndexesOn(string @object, string relation) =>
            _byNode.TryGetValue((@object, relation), out var indexes) ? indexes : [];

        private void Select(int index)
        {
            if (!_selected[index])
            {
                _selected[index] = true;
                _selectedCount++;
            }
        }
    }
}
