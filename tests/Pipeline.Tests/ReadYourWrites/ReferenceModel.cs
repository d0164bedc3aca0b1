using System.Text.Json.Nodes;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>A stored tuple as the reference sees it: the user side and the condition it carries.</summary>
public readonly record struct ReferenceTuple(string User, RelationshipCondition? Condition);

/// <summary>Where the reference reads tuples: those of one object and relation.</summary>
public interface IReferenceTuples
{
    IEnumerable<ReferenceTuple> Read(string @object, string relation);
}

/// <summary>
/// The test's own interpreter of an OpenFGA JSON model over a set of tuples, written from OpenFGA's documented
/// semantics and sharing no code with the library: direct tuples, wildcards (<c>user:*</c>), usersets
/// (<c>team:a#member</c>), computed usersets, tuple-to-userset, union, intersection, exclusion and conditions. The
/// conditions are evaluated by C# functions the test supplies per condition name; a condition missing a parameter
/// throws, as OpenFGA answers such a check with an error.
/// </summary>
public sealed class ReferenceModel
{
    private readonly Dictionary<string, Dictionary<string, JsonNode>> _rewrites = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, List<Restriction>>> _restrictions = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>> _conditions;
    private readonly Dictionary<(string Type, string Relation), HashSet<(string Type, string Relation)>> _dependencies = [];

    public ReferenceModel(string json, IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>>? conditions = null)
    {
        _conditions = conditions ?? new Dictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>>();
        var model = JsonNode.Parse(json)!.AsObject();
        foreach (var definition in model["type_definitions"]!.AsArray())
        {
            var type = (string)definition!["type"]!;
            var rewrites = _rewrites[type] = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
            foreach (var (relation, rewrite) in definition["relations"]?.AsObject() ?? [])
            {
                rewrites[relation] = rewrite!;
            }

            var restrictions = _restrictions[type] = new Dictionary<string, List<Restriction>>(StringComparer.Ordinal);
            foreach (var (relation, metadata) in definition["metadata"]?["relations"]?.AsObject() ?? [])
            {
                restrictions[relation] = (metadata?["directly_related_user_types"]?.AsArray() ?? [])
                    .Select(r => new Restriction((string)r!["type"]!, (string?)r["relation"]))
                    .ToList();
            }
        }

        foreach (var name in (model["conditions"]?.AsObject() ?? []).Select(pair => pair.Key))
        {
            if (!_conditions.ContainsKey(name))
            {
                throw new ArgumentException($"The model declares condition {name}; the reference needs a C# function for it.", nameof(conditions));
            }
        }
    }

    /// <summary>Whether <paramref name="user"/> (a concrete <c>type:id</c>) has <paramref name="relation"/> on <paramref name="object"/>.</summary>
    public bool Check(IReferenceTuples tuples, string user, string relation, string @object, IReadOnlyDictionary<string, object?>? context)
    {
        var evaluation = new Evaluation(this, tuples, user, context ?? new Dictionary<string, object?>());
        return evaluation.Check(@object, relation);
    }

    /// <summary>
    /// The (type, relation) pairs whose tuples can change a check of <paramref name="type"/>#<paramref name="relation"/>,
    /// transitively (the test's own reading of the model, used to keep the search over uncertain writes small).
    /// </summary>
    public IReadOnlySet<(string Type, string Relation)> Dependencies(string type, string relation)
    {
        lock (_dependencies)
        {
            if (_dependencies.TryGetValue((type, relation), out var known))
            {
                return known;
            }

            var reached = new HashSet<(string Type, string Relation)>();
            var pending = new Stack<(string Type, string Relation)>([(type, relation)]);
            while (pending.TryPop(out var node))
            {
                if (!reached.Add(node) || !_rewrites.TryGetValue(node.Type, out var rewrites) || !rewrites.TryGetValue(node.Relation, out var rewrite))
                {
                    continue;
                }

                foreach (var next in DirectDependencies(node.Type, node.Relation, rewrite))
                {
                    pending.Push(next);
                }
            }

            return _dependencies[(type, relation)] = reached;
        }
    }

    private IEnumerable<(string Type, string Relation)> DirectDependencies(string type, string relation, JsonNode rewrite)
    {
        if (rewrite["this"] is not null)
        {
            foreach (var restriction in RestrictionsOf(type, relation).Where(r => r.Relation is not null))
            {
                yield return (restriction.Type, restriction.Relation!);
            }
        }

        if (ComputedRelation(rewrite) is { } computed)
        {
            yield return (type, computed);
        }

        if (TupleToUserset(rewrite) is { } ttu)
        {
            yield return (type, ttu.Tupleset);
            foreach (var parent in RestrictionsOf(type, ttu.Tupleset).Select(r => r.Type).Distinct(StringComparer.Ordinal))
            {
                yield return (parent, ttu.Computed);
            }
        }

        foreach (var child in Children(rewrite))
        {
            foreach (var dependency in DirectDependencies(type, relation, child))
            {
                yield return dependency;
            }
        }
    }

    private List<Restriction> RestrictionsOf(string type, string relation) =>
        _restrictions.GetValueOrDefault(type)?.GetValueOrDefault(relation) ?? [];

    private static string? ComputedRelation(JsonNode rewrite) =>
        (string?)(rewrite["computedUserset"] ?? rewrite["computed_userset"])?["relation"];

    private static (string Tupleset, string Computed)? TupleToUserset(JsonNode rewrite) =>
        (rewrite["tupleToUserset"] ?? rewrite["tuple_to_userset"]) is { } ttu
            ? ((string)ttu["tupleset"]!["relation"]!, (string)(ttu["computedUserset"] ?? ttu["computed_userset"])!["relation"]!)
            : null;

    private static IEnumerable<JsonNode> Children(JsonNode rewrite)
    {
        foreach (var child in rewrite["union"]?["child"]?.AsArray() ?? [])
        {
            yield return child!;
        }

        foreach (var child in rewrite["intersection"]?["child"]?.AsArray() ?? [])
        {
            yield return child!;
        }

        if (rewrite["difference"] is { } difference)
        {
            yield return difference["base"]!;
            yield return difference["subtract"]!;
        }
    }

    internal static string TypeOf(string @object) => @object[..@object.IndexOf(':', StringComparison.Ordinal)];

    private sealed record Restriction(string Type, string? Relation);

    private sealed class Evaluation(ReferenceModel model, IReferenceTuples tuples, string user, IReadOnlyDictionary<string, object?> context)
    {
        // The (object, relation) pairs on the current path: meeting one again is a cycle, which grants nothing.
        private readonly HashSet<(string Object, string Relation)> _path = [];
        private readonly string _userType = TypeOf(user);

        public bool Check(string @object, string relation)
        {
            if (!model._rewrites.TryGetValue(TypeOf(@object), out var rewrites) || !rewrites.TryGetValue(relation, out var rewrite))
            {
                // OpenFGA skips a tuple-to-userset target the parent's type does not define.
                return false;
            }

            if (!_path.Add((@object, relation)))
            {
                return false;
            }

            try
            {
                return Evaluate(@object, relation, rewrite);
            }
            finally
            {
                _path.Remove((@object, relation));
            }
        }

        private bool Evaluate(string @object, string relation, JsonNode rewrite)
        {
            if (rewrite["this"] is not null)
            {
                return tuples.Read(@object, relation).Any(tuple => Holds(tuple.Condition) && Grants(tuple.User));
            }

            if (ComputedRelation(rewrite) is { } computed)
            {
                return Check(@object, computed);
            }

            if (TupleToUserset(rewrite) is { } ttu)
            {
                return tuples.Read(@object, ttu.Tupleset).Any(tuple => !tuple.User.Contains('#', StringComparison.Ordinal) && Holds(tuple.Condition) && Check(tuple.User, ttu.Computed));
            }

            if (rewrite["union"] is { } union)
            {
                return union["child"]!.AsArray().Any(child => Evaluate(@object, relation, child!));
            }

            if (rewrite["intersection"] is { } intersection)
            {
                return intersection["child"]!.AsArray().All(child => Evaluate(@object, relation, child!));
            }

            if (rewrite["difference"] is { } difference)
            {
                return Evaluate(@object, relation, difference["base"]!) && !Evaluate(@object, relation, difference["subtract"]!);
            }

            throw new InvalidOperationException($"The reference does not know the rewrite {rewrite.ToJsonString()}.");
        }

        private bool Grants(string tupleUser)
        {
            if (tupleUser == user)
            {
                return true;
            }

            if (tupleUser.EndsWith(":*", StringComparison.Ordinal))
            {
                return tupleUser[..^2] == _userType;
            }

            var hash = tupleUser.IndexOf('#', StringComparison.Ordinal);
            return hash > 0 && Check(tupleUser[..hash], tupleUser[(hash + 1)..]);
        }

        private bool Holds(RelationshipCondition? condition)
        {
            if (condition is null)
            {
                return true;
            }

            // The tuple's own parameters take precedence over the request's.
            var merged = new Dictionary<string, object?>(context, StringComparer.Ordinal);
            foreach (var (key, value) in condition.Context ?? new Dictionary<string, object?>())
            {
                merged[key] = value;
            }

            return model._conditions[condition.Name](merged);
        }
    }
}
