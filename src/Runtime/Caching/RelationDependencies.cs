using System.Collections.Concurrent;
using System.Text.Json;
using TypedFga.Wire;

namespace TypedFga.Caching;

/// <summary>
/// Which tuples can change a check's answer, read from the model: a check of <c>document#viewer</c> depends on
/// tuples of <c>document#viewer</c>, of the relations its rewrite computes from (<c>document#editor</c>), of the
/// tuplesets it follows and the relations it reaches through them (<c>folder#viewer</c>), and of the usersets its
/// type restrictions admit (<c>team#member</c>), transitively. Checks use it to take into account only the pending
/// operations that matter to them.
/// </summary>
public sealed class RelationDependencies
{
    private readonly IReadOnlyDictionary<string, TypeDefinition>? _types;
    private readonly ConcurrentDictionary<(string Type, string Relation), HashSet<(string Type, string Relation)>> _closures = new();
    private readonly ConcurrentDictionary<(string Type, string Relation), IReadOnlyCollection<string>> _relationNames = new();
    private readonly ConcurrentDictionary<(string Type, string Relation), WriteReach?> _reaches = new();
    private readonly Lazy<Dictionary<(string Type, string Relation), List<Edge>>> _dependents;
    private readonly Lazy<HashSet<(string Type, string Relation)>> _tuplesets;

    private RelationDependencies(IReadOnlyDictionary<string, TypeDefinition>? types)
    {
        _types = types;
        _tuplesets = new Lazy<HashSet<(string Type, string Relation)>>(FindTuplesets);
        _dependents = new(FindDependents, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// Reads the dependencies from OpenFGA's JSON model. A model that cannot be read makes every tuple count as a
    /// dependency of every check, which is always safe.
    /// </summary>
    public static RelationDependencies FromModelJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var model = JsonSerializer.Deserialize(json, FgaApiJsonContext.Default.AuthorizationModel);
            var types = model?.TypeDefinitions?
                .Where(definition => definition.Type is not null)
                .GroupBy(definition => definition.Type!, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => group.Last(), StringComparer.Ordinal);
            return new RelationDependencies(types);
        }
        catch (JsonException)
        {
            return new RelationDependencies(null);
        }
    }

    /// <summary>
    /// True when a tuple of <paramref name="tupleType"/>#<paramref name="tupleRelation"/> can change the answer of a
    /// check of <paramref name="checkType"/>#<paramref name="checkRelation"/>. Unknown types or relations count as
    /// dependencies.
    /// </summary>
    public bool CanAffect(string tupleType, string tupleRelation, string checkType, string checkRelation)
    {
        if (_types is null || !_types.ContainsKey(checkType))
        {
            return true;
        }

        return _closures.GetOrAdd((checkType, checkRelation), Close).Contains((tupleType, tupleRelation));
    }

    /// <summary>
    /// The names of the relations whose tuples can change the answer of a check of
    /// <paramref name="checkType"/>#<paramref name="checkRelation"/> (of any type: pair them with
    /// <see cref="CanAffect"/> for the type), or null when any tuple may (the type or the model is unknown).
    /// </summary>
    public IReadOnlyCollection<string>? RelationsThatCanAffect(string checkType, string checkRelation)
    {
        if (_types is null || !_types.ContainsKey(checkType))
        {
            return null;
        }

        // Asked on every check with pending operations: computed once per checked relation.
        return _relationNames.GetOrAdd(
            (checkType, checkRelation),
            check => _closures.GetOrAdd(check, Close).Select(node => node.Relation).Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// The (type, relation) pairs whose tuples can change a check of <paramref name="checkType"/>#<paramref name="checkRelation"/>,
    /// itself included; empty when the type is unknown.
    /// </summary>
    internal IReadOnlyCollection<(string Type, string Relation)> ClosureOf(string checkType, string checkRelation) =>
        _types is null || !_types.ContainsKey(checkType) ? [] : _closures.GetOrAdd((checkType, checkRelation), Close);

    /// <summary>
    /// True when <paramref name="type"/>#<paramref name="relation"/> is the tupleset of some tuple-to-userset
    /// (<c>parent</c> in <c>viewer from parent</c>), or when the model is unknown.
    /// </summary>
    internal bool IsTupleset(string type, string relation) => _types is null || _tuplesets.Value.Contains((type, relation));

    /// <summary>
    /// The checks a tuple of <paramref name="tupleType"/>#<paramref name="tupleRelation"/> can change: the inverse of
    /// <see cref="CanAffect"/>, split by how far a tuple on one object reaches. Null when the model does not define
    /// the relation (or cannot be read), so that nothing is known of what the tuple changes.
    /// </summary>
    internal WriteReach? ReachOf(string tupleType, string tupleRelation) =>
        _reaches.GetOrAdd((tupleType, tupleRelation), FindReach);

    /// <summary>True when the model defines <paramref name="relation"/> on <paramref name="type"/>, so that every tuple that can change its checks is known.</summary>
    internal bool Defines(string type, string relation) => TryGetRewrite(type, relation, out _, out _);

    /// <summary>The relations <paramref name="type"/> defines; null when the type or the model is unknown.</summary>
    internal IReadOnlyCollection<string>? RelationsOf(string type) =>
        _types is not null && _types.TryGetValue(type, out var definition) ? (IReadOnlyCollection<string>?)definition.Relations?.Keys.ToArray() ?? [] : null;

    /// <summary>True when the model defines <paramref name="type"/>, so its relations' rewrites can be followed.</summary>
    internal bool KnowsType(string type) => _types is not null && _types.ContainsKey(type);

    /// <summary>The definition of <paramref name="type"/> and the rewrite of its <paramref name="relation"/>, if both exist.</summary>
    internal bool TryGetRewrite(string type, string relation, out TypeDefinition definition, out Userset rewrite)
    {
        definition = null!;
        rewrite = null!;
        if (_types is null || !_types.TryGetValue(type, out var found) || found.Relations?.GetValueOrDefault(relation) is not { } userset)
        {
            return false;
        }

        definition = found;
        rewrite = userset;
        return true;
    }

    /// <summary>The user types <paramref name="relation"/> of <paramref name="definition"/> admits directly.</summary>
    internal static IEnumerable<RelationReference> RestrictionsOf(TypeDefinition definition, string relation) =>
        definition.Metadata?.Relations?.GetValueOrDefault(relation)?.DirectlyRelatedUserTypes ?? [];

    private HashSet<(string Type, string Relation)> FindTuplesets()
    {
        var found = new HashSet<(string Type, string Relation)>();
        foreach (var definition in _types?.Values ?? [])
        {
            foreach (var rewrite in (definition.Relations ?? new Dictionary<string, Userset>()).Values)
            {
                AddTuplesets(definition.Type!, rewrite, found);
            }
        }

        return found;
    }

    private static void AddTuplesets(string type, Userset rewrite, HashSet<(string Type, string Relation)> found)
    {
        if (rewrite.TupleToUserset?.Tupleset?.Relation is { } tupleset)
        {
            found.Add((type, tupleset));
        }

        foreach (var child in (rewrite.Union?.Child ?? []).Concat(rewrite.Intersection?.Child ?? []))
        {
            AddTuplesets(type, child, found);
        }

        foreach (var side in new[] { rewrite.Difference?.Base, rewrite.Difference?.Subtract })
        {
            if (side is not null)
            {
                AddTuplesets(type, side, found);
            }
        }
    }

    private HashSet<(string Type, string Relation)> Close((string Type, string Relation) check)
    {
        var reached = new HashSet<(string Type, string Relation)>();
        var pending = new Stack<(string Type, string Relation)>();
        pending.Push(check);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            if (!reached.Add(node))
            {
                continue;
            }

            foreach (var next in DirectDependencies(node.Type, node.Relation))
            {
                pending.Push(next);
            }
        }

        return reached;
    }

    private IEnumerable<(string Type, string Relation)> DirectDependencies(string type, string relation) =>
        DirectEdges(type, relation).Select(edge => edge.Node);

    private List<Edge> DirectEdges(string type, string relation)
    {
        var found = new List<Edge>();
        if (_types is not null && _types.TryGetValue(type, out var definition) && definition.Relations?.GetValueOrDefault(relation) is { } rewrite)
        {
            Collect(definition, relation, rewrite, found);
        }

        return found;
    }

    // Every check relation of the model, with the relations it depends on directly, turned around: which checks a
    // relation's tuples feed.
    private Dictionary<(string Type, string Relation), List<Edge>> FindDependents()
    {
        var dependents = new Dictionary<(string Type, string Relation), List<Edge>>();
        foreach (var (type, definition) in _types ?? new Dictionary<string, TypeDefinition>())
        {
            foreach (var relation in definition.Relations?.Keys ?? [])
            {
                foreach (var edge in DirectEdges(type, relation))
                {
                    if (!dependents.TryGetValue(edge.Node, out var list))
                    {
                        dependents[edge.Node] = list = [];
                    }

                    list.Add(new Edge((type, relation), edge.CrossesObjects));
                }
            }
        }

        return dependents;
    }

    // Walks from the written relation to every check it feeds, remembering whether some path leaves the written object.
    private WriteReach? FindReach((string Type, string Relation) written)
    {
        if (!Defines(written.Type, written.Relation))
        {
            return null;
        }

        var dependents = _dependents.Value;
        var reached = new HashSet<((string Type, string Relation) Node, bool CrossesObjects)>();
        var pending = new Stack<((string Type, string Relation) Node, bool CrossesObjects)>();
        pending.Push((written, false));
        while (pending.Count > 0)
        {
            var state = pending.Pop();
            if (!reached.Add(state))
            {
                continue;
            }

            foreach (var edge in dependents.GetValueOrDefault(state.Node) ?? [])
            {
                pending.Push((edge.Node, state.CrossesObjects || edge.CrossesObjects));
            }
        }

        var anyObject = reached.Where(state => state.CrossesObjects).Select(state => state.Node).ToHashSet();
        // Edges that stay on the object never change the type, so these are relations of the written object.
        var sameObject = reached
            .Where(state => !state.CrossesObjects && !anyObject.Contains(state.Node))
            .Select(state => state.Node.Relation)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToArray();
        return new WriteReach(sameObject, anyObject.OrderBy(node => node.Type, StringComparer.Ordinal).ThenBy(node => node.Relation, StringComparer.Ordinal).ToArray());
    }

    private void Collect(TypeDefinition definition, string relation, Userset rewrite, List<Edge> found)
    {
        var type = definition.Type!;
        if (rewrite.This is not null)
        {
            // Membership in an admitted userset (team#member) decides a direct grant to it; that is another object.
            foreach (var restriction in RestrictionsOf(definition, relation).Where(r => r.Type is not null && r.Relation is not null))
            {
                found.Add(new Edge((restriction.Type!, restriction.Relation!), CrossesObjects: true));
            }
        }

        if (rewrite.ComputedUserset?.Relation is { } computed)
        {
            found.Add(new Edge((type, computed), CrossesObjects: false));
        }

        if (rewrite.TupleToUserset is { Tupleset.Relation: { } tupleset, ComputedUserset.Relation: { } target })
        {
            // The tupleset's tuples are on this object; the relation they lead to is on the parents they name.
            found.Add(new Edge((type, tupleset), CrossesObjects: false));
            foreach (var parentType in RestrictionsOf(definition, tupleset).Select(r => r.Type).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                found.Add(new Edge((parentType, target), CrossesObjects: true));
            }
        }

        foreach (var child in (rewrite.Union?.Child ?? []).Concat(rewrite.Intersection?.Child ?? []))
        {
            Collect(definition, relation, child, found);
        }

        if (rewrite.Difference is { } difference)
        {
            if (difference.Base is not null)
            {
                Collect(definition, relation, difference.Base, found);
            }

            if (difference.Subtract is not null)
            {
                Collect(definition, relation, difference.Subtract, found);
            }
        }
    }

    /// <summary>A dependency of a check on a relation: whether that relation's tuples are on other objects than the checked one.</summary>
    private readonly record struct Edge((string Type, string Relation) Node, bool CrossesObjects);
}

/// <summary>What a tuple on one object, <c>T:id#r</c>, can change, from <see cref="RelationDependencies.ReachOf"/>.</summary>
/// <param name="SameObject">
/// Relations of <c>T</c> whose checks the tuple can change only on the same object <c>T:id</c>: <c>r</c> itself and
/// the relations that reach it through computed relations, <c>and</c>, <c>or</c>, <c>but not</c> and tuplesets.
/// </param>
/// <param name="AnyObject">
/// Check relations (of any type) the tuple can change on objects other than its own, through a tuple-to-userset or
/// a userset: <c>folder:1#viewer</c> changes <c>document#viewer</c> of every document in the folder.
/// </param>
internal sealed record WriteReach(IReadOnlyList<string> SameObject, IReadOnlyList<(string Type, string Relation)> AnyObject);
