namespace TypedFga.Authorization;

/// <summary>
/// Refuses models with a relation that no tuple could ever satisfy (OpenFGA's "no entrypoint"), e.g.
/// <c>define viewer: viewer</c> or an intersection with an impossible operand. Computed as a least fixed point.
/// </summary>
internal static class EntryPoints
{
    public static void Validate(AuthorizationTypeSystem system)
    {
        var satisfiable = new HashSet<(string, string)>();
        var all = system.TypeNames.SelectMany(t => system.GetRelations(t)).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var relation in all)
            {
                if (!satisfiable.Contains((relation.ObjectType, relation.Name)) && HasEntry(system, relation, relation.Rewrite, satisfiable))
                {
                    satisfiable.Add((relation.ObjectType, relation.Name));
                    changed = true;
                }
            }
        }
        while (changed);

        var missing = all.FirstOrDefault(r => !satisfiable.Contains((r.ObjectType, r.Name)));
        if (missing is not null)
        {
            throw ModelValidator.Invalid($"no entrypoints defined for type '{missing.ObjectType}' relation '{missing.Name}'");
        }
    }

    private static bool HasEntry(AuthorizationTypeSystem system, RelationInfo relation, RelationRewrite rewrite, HashSet<(string, string)> satisfiable) => rewrite switch
    {
        DirectRewrite => relation.DirectTypes.Any(t => t.Relation is null || satisfiable.Contains((t.Type, t.Relation))),
        ComputedRewrite computed => satisfiable.Contains((relation.ObjectType, computed.Relation)),
        TupleToUsersetRewrite ttu => system.GetRelation(relation.ObjectType, ttu.Tupleset)?.DirectTypes
            .Any(t => t.Relation is null && satisfiable.Contains((t.Type, ttu.ComputedRelation))) == true,
        UnionRewrite union => union.Children.Any(c => HasEntry(system, relation, c, satisfiable)),
        IntersectionRewrite intersection => intersection.Children.All(c => HasEntry(system, relation, c, satisfiable)),
        ExclusionRewrite exclusion => HasEntry(system, relation, exclusion.Base, satisfiable),
        _ => false,
    };
}
