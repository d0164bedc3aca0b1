using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Validation;

/// <summary>
/// Types, relations and conditions by name. Like OpenFGA's validator, a later type definition with the same
/// name replaces an earlier one (duplicates are reported separately).
/// </summary>
internal sealed class ModelIndex
{
    private readonly Dictionary<string, TypeDefinition> _types = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, RelationDefinition>> _relations = new(System.StringComparer.Ordinal);
    private readonly Dictionary<string, ConditionDefinition> _conditions = new(System.StringComparer.Ordinal);

    public ModelIndex(AuthorizationModel model)
    {
        foreach (var type in model.Types)
        {
            var relations = new Dictionary<string, RelationDefinition>(type.Relations.Count, System.StringComparer.Ordinal);
            foreach (var relation in type.Relations)
            {
                relations[relation.Name] = relation;
            }

            _types[type.Name] = type;
            _relations[type.Name] = relations;
        }

        foreach (var condition in model.Conditions)
        {
            _conditions[condition.Name] = condition;
        }
    }

    public bool HasType(string type) => _relations.ContainsKey(type);

    /// <summary>True when <paramref name="type"/> is the definition that wins for its name (the last one).</summary>
    public bool IsWinningDefinition(TypeDefinition type) =>
        _types.TryGetValue(type.Name, out var winner) && ReferenceEquals(winner, type);

    public bool HasCondition(string name) => _conditions.ContainsKey(name);

    public IReadOnlyDictionary<string, RelationDefinition>? RelationsOf(string type) =>
        _relations.TryGetValue(type, out var relations) ? relations : null;

    public RelationDefinition? Relation(string type, string relation) =>
        _relations.TryGetValue(type, out var relations) && relations.TryGetValue(relation, out var definition) ? definition : null;
}
