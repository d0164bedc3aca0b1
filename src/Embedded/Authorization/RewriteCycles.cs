namespace TypedFga.Embedded.Authorization;

/// <summary>
/// OpenFGA refuses a model in which a relation leads back to itself through computed relations of its own type
/// (<c>define viewer: [user] or viewer</c>, or <c>a: [user] or b</c> with <c>b: a</c>), even when every relation
/// has an entry point: evaluating it could only recurse. Tuple-to-userset steps and direct assignments are not
/// followed, as in OpenFGA. The compiler's semantic rules do not cover this, so the engine checks it itself.
/// </summary>
internal static class RewriteCycles
{
    private enum Mark
    {
        InProgress,
        Done,
    }

    /// <summary>The first relation, in type and relation name order as OpenFGA reports, from which a cycle is reachable.</summary>
    public static (string Type, string Relation)? Find(AuthorizationTypeSystem system)
    {
        foreach (var type in system.TypeNames.Order(StringComparer.Ordinal))
        {
            // Marks are per type: computed relations never leave their type.
            var marks = new Dictionary<string, Mark>(StringComparer.Ordinal);
            foreach (var relation in system.GetRelations(type).Select(r => r.Name).Order(StringComparer.Ordinal))
            {
                if (ReachesCycle(system, type, relation, marks))
                {
                    return (type, relation);
                }
            }
        }

        return null;
    }

    private static bool ReachesCycle(AuthorizationTypeSystem system, string type, string relation, Dictionary<string, Mark> marks)
    {
        if (marks.TryGetValue(relation, out var mark))
        {
            return mark == Mark.InProgress;
        }

        marks[relation] = Mark.InProgress;
        var info = system.GetRelation(type, relation);
        if (info is not null)
        {
            foreach (var next in ComputedRelations(info.Rewrite))
            {
                if (ReachesCycle(system, type, next, marks))
                {
                    return true;
                }
            }
        }

        marks[relation] = Mark.Done;
        return false;
    }

    private static IEnumerable<string> ComputedRelations(RelationRewrite rewrite) => rewrite switch
    {
        ComputedRewrite computed => [computed.Relation],
        UnionRewrite union => union.Children.SelectMany(ComputedRelations),
        IntersectionRewrite intersection => intersection.Children.SelectMany(ComputedRelations),
        ExclusionRewrite exclusion => ComputedRelations(exclusion.Base).Concat(ComputedRelations(exclusion.Subtract)),
        _ => [],
    };
}
