using TypedFga.Embedded.Authorization;
using TypedFga.Embedded.Checking;

namespace TypedFga.Embedded.Listing;

/// <summary>
/// Finds the objects of a type that the user might relate to, by walking backwards from the user: tuples whose
/// user is the user (or its type's wildcard, or a userset reached so far), then computed relations and
/// tuple-to-userset relations that build on them. Every branch is followed, so the result is a superset of the
/// answer; ListObjects keeps the candidates Check accepts. Only tuples on the way are read (by the by-user index),
/// so the cost follows the user's relationships rather than the size of the store.
/// </summary>
internal sealed class ObjectCandidateCollector(AuthorizationTypeSystem model, RequestTupleReader tuples)
{
    public IReadOnlyCollection<string> Collect(TupleUser user, string targetType, CancellationToken cancellationToken)
    {
        var visited = new HashSet<(string Type, string Id, string Relation)>();
        var pending = new Stack<(string Type, string Id, string Relation)>();
        var candidates = new HashSet<string>(StringComparer.Ordinal);

        void Reached(string type, string id, string relation)
        {
            if (visited.Add((type, id, relation)))
            {
                pending.Push((type, id, relation));
                if (type == targetType)
                {
                    candidates.Add(id);
                }
            }
        }

        // Tuples naming the user directly, or its type's wildcard.
        foreach (var (type, relation) in RelationsAccepting(r => r.Type == user.Type && r.Relation == user.Relation.NullIfEmpty() && r.IsWildcard == (user.Kind == TupleUserKind.Wildcard)))
        {
            foreach (var id in tuples.ObjectIdsWithUser(type, relation, user))
            {
                Reached(type, id, relation);
            }
        }

        if (user.Kind == TupleUserKind.Object)
        {
            var wildcard = new TupleUser(user.Type, "*", "");
            foreach (var (type, relation) in RelationsAccepting(r => r.Type == user.Type && r.IsWildcard))
            {
                foreach (var id in tuples.ObjectIdsWithUser(type, relation, wildcard))
                {
                    Reached(type, id, relation);
                }
            }
        }

        if (user.Kind == TupleUserKind.Userset)
        {
            Reached(user.Type, user.Id, user.Relation);
        }

        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (type, id, relation) = pending.Pop();

            // object#relation as a userset in other tuples.
            var userset = new TupleUser(type, id, relation);
            foreach (var (parentType, parentRelation) in RelationsAccepting(r => r.Type == type && r.Relation == relation))
            {
                foreach (var parentId in tuples.ObjectIdsWithUser(parentType, parentRelation, userset))
                {
                    Reached(parentType, parentId, parentRelation);
                }
            }

            // Relations of the same object that build on this one.
            foreach (var other in model.GetRelations(type))
            {
                if (References(other.Rewrite, r => r is ComputedRewrite c && c.Relation == relation))
                {
                    Reached(type, id, other.Name);
                }
            }

            // Relations of other objects that reach this one through a tupleset.
            var asObject = new TupleUser(type, id, "");
            foreach (var parentType in model.TypeNames)
            {
                foreach (var parent in model.GetRelations(parentType))
                {
                    foreach (var tupleset in TuplesetsReaching(parent.Rewrite, relation))
                    {
                        if (model.GetRelation(parentType, tupleset)?.DirectTypes.Any(t => t.Type == type && t.Relation is null && !t.IsWildcard) == true)
                        {
                            foreach (var parentId in tuples.ObjectIdsWithUser(parentType, tupleset, asObject))
                            {
                                Reached(parentType, parentId, parent.Name);
                            }
                        }
                    }
                }
            }
        }

        return candidates;
    }

    private IEnumerable<(string Type, string Relation)> RelationsAccepting(Func<DirectTypeRestriction, bool> accepts) =>
        model.TypeNames.SelectMany(model.GetRelations)
            .Where(r => r.DirectTypes.Any(accepts))
            .Select(r => (r.ObjectType, r.Name));

    private static IEnumerable<string> TuplesetsReaching(RelationRewrite rewrite, string computedRelation) => rewrite switch
    {
        TupleToUsersetRewrite ttu when ttu.ComputedRelation == computedRelation => [ttu.Tupleset],
        UnionRewrite union => union.Children.SelectMany(c => TuplesetsReaching(c, computedRelation)),
        IntersectionRewrite intersection => intersection.Children.SelectMany(c => TuplesetsReaching(c, computedRelation)),
        ExclusionRewrite exclusion => TuplesetsReaching(exclusion.Base, computedRelation).Concat(TuplesetsReaching(exclusion.Subtract, computedRelation)),
        _ => [],
    };

    private static bool References(RelationRewrite rewrite, Func<RelationRewrite, bool> match) => match(rewrite) || rewrite switch
    {
        UnionRewrite union => union.Children.Any(c => References(c, match)),
        IntersectionRewrite intersection => intersection.Children.Any(c => References(c, match)),
        ExclusionRewrite exclusion => References(exclusion.Base, match) || References(exclusion.Subtract, match),
        _ => false,
    };
}

internal static class StringExtensions
{
    public static string? NullIfEmpty(this string value) => value.Length == 0 ? null : value;
}
