using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// The user kinds a list-users query on a relation can return, read from the model: object types (<c>user</c>) and
/// usersets (<c>team#member</c>, <c>folder#viewer</c>). They are what the relation's rewrite reaches. Object types come
/// from the entries of direct type restrictions (a wildcard <c>user:*</c> counts as <c>user</c>, whose filter returns it).
/// Usersets are the (type, relation) nodes of the walk: the relation itself, computed usersets on the same object, the
/// computed relation on each type of a tupleset, the usersets type restrictions name, and what each of those reaches in
/// turn; OpenFGA answers a userset filter with every object on the path whose node matches it (<c>folder:x#viewer</c>
/// for the filter <c>folder#viewer</c> on <c>viewer from parent</c>, <c>document:1#viewer</c> for <c>document#viewer</c>).
/// Of <c>but not</c> only the base counts; <c>and</c> counts all its children, a union that may admit a kind none of the
/// answers will hold but never refuses one they can.
/// </summary>
internal sealed class RelatedUserKinds
{
    private readonly Dictionary<string, RelationDefinition> _relations = new(System.StringComparer.Ordinal);

    public RelatedUserKinds(IEnumerable<TypeDefinition> types)
    {
        foreach (var type in types)
        {
            foreach (var relation in type.Relations)
            {
                _relations[Key(type.Name, relation.Name)] = relation;
            }
        }
    }

    /// <summary>The kinds <paramref name="typeName"/>#<paramref name="relationName"/> can hold, ordinal-sorted.</summary>
    public IReadOnlyList<string> Of(string typeName, string relationName)
    {
        var kinds = new SortedSet<string>(System.StringComparer.Ordinal);
        var visited = new HashSet<string>(System.StringComparer.Ordinal);
        var pending = new Stack<string>();
        pending.Push(Key(typeName, relationName));
        // A walk over relations rather than a recursion: models nest usersets and tuplesets in cycles (team#member in team#member).
        while (pending.Count > 0)
        {
            var key = pending.Pop();
            if (!visited.Add(key) || !_relations.TryGetValue(key, out var relation))
            {
                continue;
            }

            // Each node the walk reaches is a userset OpenFGA can return for its filter, the queried relation included.
            kinds.Add(key);
            var type = key.Substring(0, key.IndexOf('#'));
            Visit(relation.Rewrite, type, relation, kinds, pending);
        }

        return [.. kinds];
    }

    private void Visit(Rewrite rewrite, string type, RelationDefinition relation, SortedSet<string> kinds, Stack<string> pending)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.Relation is null)
                    {
                        kinds.Add(restriction.Type);
                        continue;
                    }

                    pending.Push(Key(restriction.Type, restriction.Relation));
                }

                break;
            case ComputedUsersetRewrite computed:
                pending.Push(Key(type, computed.Relation));
                break;
            case TupleToUsersetRewrite tupleToUserset:
                if (_relations.TryGetValue(Key(type, tupleToUserset.Tupleset), out var tupleset))
                {
                    foreach (var restriction in tupleset.DirectlyRelatedTypes)
                    {
                        // Not every type of a tupleset needs the computed relation; the walk skips those without it.
                        pending.Push(Key(restriction.Type, tupleToUserset.ComputedRelation));
                    }
                }

                break;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    Visit(child.Value, type, relation, kinds, pending);
                }

                break;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    Visit(child.Value, type, relation, kinds, pending);
                }

                break;
            case DifferenceRewrite difference:
                Visit(difference.Base.Value, type, relation, kinds, pending);
                break;
        }
    }

    private static string Key(string type, string relation) => type + "#" + relation;
}
