using System.Collections.Generic;
using System.Threading;
using TypedFga.Language.Model;

namespace TypedFga.Language.Validation;

/// <summary>
/// Which relations can ever hold for some user: a relation has an entry point when a tuple (a direct type,
/// a wildcard, or a userset that itself has one) can satisfy it. This is the least fixed point of the
/// rewrite rules, computed with a work list in time linear in the model; it gives the same answer as
/// OpenFGA's path-by-path search, without its exponential worst case.
/// </summary>
internal sealed class EntryPointAnalysis
{
    // The loop search below follows OpenFGA's path semantics and only runs for relations already known to
    // fail; these bounds keep a pathological model from exhausting time or stack.
    private const int MaxSearchSteps = 200_000;
    private const int MaxSearchDepth = 400;

    private readonly ModelIndex _index;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<string, Dictionary<string, int>> _ids = new(System.StringComparer.Ordinal);
    private readonly HashSet<(string Type, string Relation)> _path = new();
    private bool[] _hasEntry = System.Array.Empty<bool>();
    private int _steps;

    public EntryPointAnalysis(AuthorizationModel model, ModelIndex index, CancellationToken cancellationToken)
    {
        _index = index;
        _cancellationToken = cancellationToken;
        Solve(model);
    }

    public bool HasEntryPoint(string type, string relation)
    {
        var id = Id(type, relation);
        return id >= 0 && _hasEntry[id];
    }

    /// <summary>Whether OpenFGA would call the missing entry point a "potential loop" rather than "no entrypoint".</summary>
    public bool IsLoop(string type, RelationDefinition relation)
    {
        _steps = 0;
        _path.Clear();
        return Search(type, relation.Name, relation.Rewrite, 0).Loop;
    }

    private int Id(string type, string relation) =>
        _ids.TryGetValue(type, out var relations) && relations.TryGetValue(relation, out var id) ? id : -1;

    private void Solve(AuthorizationModel model)
    {
        var nodes = new List<(string Type, RelationDefinition Relation)>();
        foreach (var type in model.Types)
        {
            // A later definition of a type replaces an earlier one, as in the index.
            var relations = _index.RelationsOf(type.Name);
            if (relations is null || _ids.ContainsKey(type.Name))
            {
                continue;
            }

            var ids = new Dictionary<string, int>(relations.Count, System.StringComparer.Ordinal);
            foreach (var relation in relations.Values)
            {
                ids.Add(relation.Name, nodes.Count);
                nodes.Add((type.Name, relation));
            }

            _ids.Add(type.Name, ids);
        }

        _hasEntry = new bool[nodes.Count];
        var dependents = new List<int>?[nodes.Count];
        var dependencies = new List<int>();
        for (var id = 0; id < nodes.Count; id++)
        {
            dependencies.Clear();
            CollectDependencies(nodes[id].Type, nodes[id].Relation, nodes[id].Relation.Rewrite, dependencies);
            foreach (var dependency in dependencies)
            {
                (dependents[dependency] ??= new List<int>()).Add(id);
            }
        }

        var work = new Stack<int>(nodes.Count);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            work.Push(i);
        }

        var evaluations = 0;
        while (work.Count > 0)
        {
            if ((++evaluations & 0x3FF) == 0)
            {
                _cancellationToken.ThrowIfCancellationRequested();
            }

            var id = work.Pop();
            var (type, relation) = nodes[id];
            if (_hasEntry[id] || !Evaluate(type, relation, relation.Rewrite))
            {
                continue;
            }

            _hasEntry[id] = true;
            if (dependents[id] is { } waiting)
            {
                foreach (var dependent in waiting)
                {
                    if (!_hasEntry[dependent])
                    {
                        work.Push(dependent);
                    }
                }
            }
        }
    }

    private void CollectDependencies(string type, RelationDefinition relation, Rewrite rewrite, List<int> into)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.Relation is not null && !restriction.IsWildcard)
                    {
                        AddId(restriction.Type, restriction.Relation, into);
                    }
                }

                break;
            case ComputedUsersetRewrite computed:
                AddId(type, computed.Relation, into);
                break;
            case TupleToUsersetRewrite tupleToUserset:
                foreach (var restriction in TuplesetTypes(type, tupleToUserset))
                {
                    AddId(restriction.Type, tupleToUserset.ComputedRelation, into);
                }

                break;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    CollectDependencies(type, relation, child.Value, into);
                }

                break;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    CollectDependencies(type, relation, child.Value, into);
                }

                break;
            case DifferenceRewrite difference:
                CollectDependencies(type, relation, difference.Base.Value, into);
                CollectDependencies(type, relation, difference.Subtract.Value, into);
                break;
        }
    }

    private void AddId(string type, string relation, List<int> into)
    {
        var id = Id(type, relation);
        if (id >= 0)
        {
            into.Add(id);
        }
    }

    private bool Evaluate(string type, RelationDefinition relation, Rewrite rewrite)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.Relation is null || restriction.IsWildcard || HasEntryPoint(restriction.Type, restriction.Relation))
                    {
                        return true;
                    }
                }

                return false;
            case ComputedUsersetRewrite computed:
                return HasEntryPoint(type, computed.Relation);
            case TupleToUsersetRewrite tupleToUserset:
                foreach (var restriction in TuplesetTypes(type, tupleToUserset))
                {
                    if (HasEntryPoint(restriction.Type, tupleToUserset.ComputedRelation))
                    {
                        return true;
                    }
                }

                return false;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    if (Evaluate(type, relation, child.Value))
                    {
                        return true;
                    }
                }

                return false;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    if (!Evaluate(type, relation, child.Value))
                    {
                        return false;
                    }
                }

                return true;
            case DifferenceRewrite difference:
                return Evaluate(type, relation, difference.Base.Value) && Evaluate(type, relation, difference.Subtract.Value);
            default:
                return false;
        }
    }

    private EquatableArray<TypeRestriction> TuplesetTypes(string type, TupleToUsersetRewrite rewrite) =>
        _index.Relation(type, rewrite.Tupleset)?.DirectlyRelatedTypes ?? EquatableArray<TypeRestriction>.Empty;

    /// <summary>
    /// OpenFGA's search for one relation: follows references depth first, never revisiting a relation on the
    /// current path; meeting a computed relation already on the path is a loop.
    /// </summary>
    private (bool Entry, bool Loop) Search(string type, string relationName, Rewrite rewrite, int depth)
    {
        if (++_steps > MaxSearchSteps || depth > MaxSearchDepth)
        {
            return (false, false);
        }

        var relation = _index.Relation(type, relationName);
        if (relation is null)
        {
            return (false, false);
        }

        var added = _path.Add((type, relationName));
        try
        {
            return SearchRewrite(type, relationName, relation, rewrite, depth);
        }
        finally
        {
            if (added)
            {
                _path.Remove((type, relationName));
            }
        }
    }

    private (bool Entry, bool Loop) SearchRewrite(string type, string relationName, RelationDefinition relation, Rewrite rewrite, int depth)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.Relation is null || restriction.IsWildcard)
                    {
                        return (true, false);
                    }

                    var target = _index.Relation(restriction.Type, restriction.Relation);
                    if (target is null)
                    {
                        return (false, false);
                    }

                    if (!_path.Contains((restriction.Type, restriction.Relation))
                        && Search(restriction.Type, restriction.Relation, target.Rewrite, depth + 1).Entry)
                    {
                        return (true, false);
                    }
                }

                return (false, false);
            case ComputedUsersetRewrite computed:
                var computedRelation = _index.Relation(type, computed.Relation);
                if (computedRelation is null)
                {
                    return (false, false);
                }

                return _path.Contains((type, computed.Relation))
                    ? (false, true)
                    : Search(type, computed.Relation, computedRelation.Rewrite, depth + 1);
            case TupleToUsersetRewrite tupleToUserset:
                foreach (var restriction in TuplesetTypes(type, tupleToUserset))
                {
                    var target = _index.Relation(restriction.Type, tupleToUserset.ComputedRelation);
                    if (target is not null
                        && !_path.Contains((restriction.Type, tupleToUserset.ComputedRelation))
                        && Search(restriction.Type, tupleToUserset.ComputedRelation, target.Rewrite, depth + 1).Entry)
                    {
                        return (true, false);
                    }
                }

                return (false, false);
            case UnionRewrite union:
                var loop = false;
                foreach (var child in union.Children)
                {
                    var result = Search(type, relationName, child.Value, depth + 1);
                    if (result.Entry)
                    {
                        return (true, false);
                    }

                    loop |= result.Loop;
                }

                return (false, loop);
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    var result = Search(type, relationName, child.Value, depth + 1);
                    if (!result.Entry)
                    {
                        return (false, result.Loop);
                    }
                }

                return (true, false);
            case DifferenceRewrite difference:
                var baseResult = Search(type, relationName, difference.Base.Value, depth + 1);
                if (!baseResult.Entry)
                {
                    return (false, baseResult.Loop);
                }

                var subtractResult = Search(type, relationName, difference.Subtract.Value, depth + 1);
                return subtractResult.Entry ? (true, false) : (false, subtractResult.Loop);
            default:
                return (false, false);
        }
    }
}
