using System.Collections.Concurrent;
using TypedFga.Embedded.Authorization.Conditions;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Embedded.Authorization;

/// <summary>
/// An authorization model prepared for evaluation: types, relations with their rewrites and type restrictions,
/// compiled conditions, and the model graph's reachability ("can a user of this kind ever reach type#relation?").
/// Immutable and safe to share between requests.
/// </summary>
internal sealed class AuthorizationTypeSystem
{
    private readonly Dictionary<string, Dictionary<string, RelationInfo>> _types;
    private readonly ConcurrentDictionary<(string Type, string Relation), HashSet<string>> _reachingUserNodes = new();

    private AuthorizationTypeSystem(
        string id,
        string schemaVersion,
        Dictionary<string, Dictionary<string, RelationInfo>> types,
        Dictionary<string, ConditionEvaluator> conditions)
    {
        Id = id;
        SchemaVersion = schemaVersion;
        _types = types;
        Conditions = conditions;
    }

    public string Id { get; }

    public string SchemaVersion { get; }

    public IReadOnlyDictionary<string, ConditionEvaluator> Conditions { get; }

    public IEnumerable<string> TypeNames => _types.Keys;

    /// <summary>Builds the type system of a model that has passed validation.</summary>
    public static AuthorizationTypeSystem Build(string id, AuthorizationModel model)
    {
        var types = new Dictionary<string, Dictionary<string, RelationInfo>>(StringComparer.Ordinal);
        foreach (var typeDefinition in model.TypeDefinitions ?? [])
        {
            var typeName = typeDefinition.Type ?? "";
            var relations = new Dictionary<string, RelationInfo>(StringComparer.Ordinal);
            foreach (var (relationName, userset) in typeDefinition.Relations ?? new Dictionary<string, Userset>())
            {
                var restrictions = new List<DirectTypeRestriction>();
                if (typeDefinition.Metadata?.Relations is { } metadata && metadata.TryGetValue(relationName, out var relationMetadata))
                {
                    foreach (var reference in relationMetadata.DirectlyRelatedUserTypes ?? [])
                    {
                        restrictions.Add(new DirectTypeRestriction(
                            reference.Type ?? "",
                            string.IsNullOrEmpty(reference.Relation) ? null : reference.Relation,
                            reference.Wildcard is not null,
                            string.IsNullOrEmpty(reference.Condition) ? null : reference.Condition));
                    }
                }

                relations[relationName] = new RelationInfo(typeName, relationName, ToRewrite(userset), restrictions);
            }

            types[typeName] = relations;
        }

        var conditions = new Dictionary<string, ConditionEvaluator>(StringComparer.Ordinal);
        foreach (var (name, condition) in model.Conditions ?? new Dictionary<string, Condition>())
        {
            conditions[name] = ConditionEvaluator.Create(name, condition);
        }

        var system = new AuthorizationTypeSystem(id, model.SchemaVersion ?? "1.1", types, conditions);
        system.MarkTuplesets();
        return system;
    }

    public bool HasType(string type) => _types.ContainsKey(type);

    public RelationInfo? GetRelation(string type, string relation) =>
        _types.TryGetValue(type, out var relations) && relations.TryGetValue(relation, out var info) ? info : null;

    public IEnumerable<RelationInfo> GetRelations(string type) =>
        _types.TryGetValue(type, out var relations) ? relations.Values : [];

    /// <summary>
    /// Whether a user of the given node kind (<c>user</c>, <c>user:*</c>, <c>group#member</c>) can reach
    /// <paramref name="type"/>#<paramref name="relation"/> through the model at all. Check answers false
    /// without reading tuples when it cannot, as OpenFGA does.
    /// </summary>
    public bool PathExists(string userNode, string type, string relation) =>
        _reachingUserNodes.GetOrAdd((type, relation), static (key, self) => self.ComputeReachingUserNodes(key.Type, key.Relation), this)
            .Contains(userNode);

    private HashSet<string> ComputeReachingUserNodes(string type, string relation)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var visited = new HashSet<(string, string)>();
        var pending = new Stack<(string Type, string Relation)>();
        pending.Push((type, relation));
        while (pending.Count > 0)
        {
            var (currentType, currentRelation) = pending.Pop();
            if (!visited.Add((currentType, currentRelation)))
            {
                continue;
            }

            // A userset is always a member of itself (group:eng#member is in group:eng#member).
            result.Add(currentType + "#" + currentRelation);
            var info = GetRelation(currentType, currentRelation);
            if (info is null)
            {
                continue;
            }

            foreach (var next in RelationsReachedBy(info, info.Rewrite, result))
            {
                pending.Push(next);
            }
        }

        return result;
    }

    private IEnumerable<(string Type, string Relation)> RelationsReachedBy(RelationInfo info, RelationRewrite rewrite, HashSet<string> userNodes)
    {
        switch (rewrite)
        {
            case DirectRewrite:
                foreach (var restriction in info.DirectTypes)
                {
                    userNodes.Add(restriction.NodeKey);
                    if (restriction.IsWildcard)
                    {
                        // A wildcard tuple grants every object of the type.
                        userNodes.Add(restriction.Type);
                    }
                    else if (restriction.Relation is not null)
                    {
                        yield return (restriction.Type, restriction.Relation);
                    }
                }

                break;
            case ComputedRewrite computed:
                yield return (info.ObjectType, computed.Relation);
                break;
            case TupleToUsersetRewrite ttu:
                var tupleset = GetRelation(info.ObjectType, ttu.Tupleset);
                foreach (var restriction in tupleset?.DirectTypes ?? [])
                {
                    if (restriction.Relation is null && !restriction.IsWildcard && GetRelation(restriction.Type, ttu.ComputedRelation) is not null)
                    {
                        yield return (restriction.Type, ttu.ComputedRelation);
                    }
                }

                break;
            case UnionRewrite union:
                foreach (var child in union.Children)
                {
                    foreach (var next in RelationsReachedBy(info, child, userNodes))
                    {
                        yield return next;
                    }
                }

                break;
            case IntersectionRewrite intersection:
                foreach (var child in intersection.Children)
                {
                    foreach (var next in RelationsReachedBy(info, child, userNodes))
                    {
                        yield return next;
                    }
                }

                break;
            case ExclusionRewrite exclusion:
                foreach (var next in RelationsReachedBy(info, exclusion.Base, userNodes))
                {
                    yield return next;
                }

                break;
        }
    }

    private void MarkTuplesets()
    {
        foreach (var relations in _types.Values)
        {
            foreach (var info in relations.Values)
            {
                foreach (var tupleset in TuplesetsOf(info.Rewrite))
                {
                    if (relations.TryGetValue(tupleset, out var tuplesetInfo))
                    {
                        tuplesetInfo.IsTupleset = true;
                    }
                }
            }
        }
    }

    private static IEnumerable<string> TuplesetsOf(RelationRewrite rewrite) => rewrite switch
    {
        TupleToUsersetRewrite ttu => [ttu.Tupleset],
        UnionRewrite union => union.Children.SelectMany(TuplesetsOf),
        IntersectionRewrite intersection => intersection.Children.SelectMany(TuplesetsOf),
        ExclusionRewrite exclusion => TuplesetsOf(exclusion.Base).Concat(TuplesetsOf(exclusion.Subtract)),
        _ => [],
    };

    internal static RelationRewrite ToRewrite(Userset userset)
    {
        if (userset.This is not null)
        {
            return DirectRewrite.Instance;
        }

        if (userset.ComputedUserset is { } computed)
        {
            return new ComputedRewrite(computed.Relation ?? "");
        }

        if (userset.TupleToUserset is { } ttu)
        {
            return new TupleToUsersetRewrite(ttu.Tupleset?.Relation ?? "", ttu.ComputedUserset?.Relation ?? "");
        }

        if (userset.Union is { } union)
        {
            return new UnionRewrite((union.Child ?? []).Select(ToRewrite).ToArray());
        }

        if (userset.Intersection is { } intersection)
        {
            return new IntersectionRewrite((intersection.Child ?? []).Select(ToRewrite).ToArray());
        }

        if (userset.Difference is { Base: { } baseSet, Subtract: { } subtract })
        {
            return new ExclusionRewrite(ToRewrite(baseSet), ToRewrite(subtract));
        }

        throw new FgaEngineException(FgaErrorCode.InvalidAuthorizationModel, "a relation's userset must set exactly one of this, computedUserset, tupleToUserset, union, intersection or difference");
    }
}

/// <summary>A relation of a type: its rewrite and its direct type restrictions.</summary>
internal sealed class RelationInfo(string objectType, string name, RelationRewrite rewrite, IReadOnlyList<DirectTypeRestriction> directTypes)
{
    public string ObjectType { get; } = objectType;

    public string Name { get; } = name;

    public RelationRewrite Rewrite { get; } = rewrite;

    public IReadOnlyList<DirectTypeRestriction> DirectTypes { get; } = directTypes;

    /// <summary>The userset restrictions (<c>group#member</c>) only.</summary>
    public IReadOnlyList<DirectTypeRestriction> UsersetTypes { get; } = directTypes.Where(t => t.Relation is not null).ToArray();

    /// <summary>True when some tuple-to-userset rewrite of the type reads this relation.</summary>
    public bool IsTupleset { get; internal set; }

    // Indexed loops rather than LINQ or foreach: every check asks these, and both a capturing lambda and the
    // enumerator of an IReadOnlyList allocate each time.
    public bool AllowsWildcardOf(string userType)
    {
        for (var i = 0; i < DirectTypes.Count; i++)
        {
            if (DirectTypes[i].IsWildcard && DirectTypes[i].Type == userType)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>OpenFGA's IsDirectlyRelated: the user's type (and userset relation) appears in the restriction.</summary>
    public bool AllowsDirect(TupleUser user)
    {
        for (var i = 0; i < DirectTypes.Count; i++)
        {
            if (DirectTypes[i].Admits(user))
            {
                return true;
            }
        }

        return false;
    }
}
