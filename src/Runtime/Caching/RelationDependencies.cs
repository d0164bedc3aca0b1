using System.Collections.Concurrent;
using System.Text.Json;
using TypedFga.Embedded.Api;

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

    private readonly Lazy<HashSet<(string Type, string Relation)>> _tuplesets;

    private RelationDependencies(IReadOnlyDictionary<string, TypeDefinition>? types)
    {
        _types = types;
        _tuplesets = new Lazy<HashSet<(string Type, string Relation)>>(FindTuplesets);
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

    private IEnumerable<(string Type, string Relation)> DirectDependencies(string type, string relation)
    {
        if (_types is null || !_types.TryGetValue(type, out var definition) || definition.Relations?.GetValueOrDefault(relation) is not { } rewrite)
        {
            return [];
        }

        var found = new List<(string Type, string Relation)>();
        Collect(definition, relation, rewrite, found);
        return found;
    }

    private void Collect(TypeDefinition definition, string relation, Userset rewrite, List<(string Type, string Relation)> found)
    {
        var type = definition.Type!;
        if (rewrite.This is not null)
        {
            // Membership in an admitted userset (team#member) decides a direct grant to it.
            foreach (var restriction in RestrictionsOf(definition, relation).Where(r => r.Type is not null && r.Relation is not null))
            {
                found.Add((restriction.Type!, restriction.Relation!));
            }
        }

        if (rewrite.ComputedUserset?.Relation is { } computed)
        {
            found.Add((type, computed));
        }

        if (rewrite.TupleToUserset is { Tupleset.Relation: { } tupleset, ComputedUserset.Relation: { } target })
        {
            found.Add((type, tupleset));
            foreach (var parentType in RestrictionsOf(definition, tupleset).Select(r => r.Type).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                found.Add((parentType, target));
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
}
