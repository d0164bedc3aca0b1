using System.Collections.Generic;
using System.Linq;
using TypedFga.Generator.Model;
using TypedFga.Generator.Naming;
using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>
/// Turns a valid <see cref="AuthorizationModel"/> into the <see cref="ModelSpec"/> the emitters write,
/// choosing every C# name and checking that no two of them collide.
/// </summary>
internal static class SpecBuilder
{
    // Members every generated type already has, which a model name must not take.
    private static readonly string[] ObjectMembers = ["Equals", "GetHashCode", "ToString", "GetType", "ReferenceEquals", "MemberwiseClone"];

    /// <summary>
    /// The spec, or null when a name collision (reported into <paramref name="diagnostics"/>, in the file that defines
    /// the colliding name) prevents generation.
    /// </summary>
    public static ModelSpec? Build(AuthorizationModel model, string json, string @namespace, ModelSourceFiles files, List<DiagnosticInfo> diagnostics)
    {
        var errorsBefore = diagnostics.Count;
        var types = model.Types.OrderBy(static t => t.Name, System.StringComparer.Ordinal).ToArray();
        var typeIdentifiers = types.ToDictionary(static t => t.Name, static t => Identifiers.ToPascalCase(t.Name), System.StringComparer.Ordinal);
        var conditions = model.Conditions
            .OrderBy(static c => c.Name, System.StringComparer.Ordinal)
            .ToDictionary(static c => c.Name, static c => c, System.StringComparer.Ordinal);
        var conditionStructs = conditions.Values.ToDictionary(
            static c => c.Name, static c => Identifiers.ToPascalCase(c.Name) + "Condition", System.StringComparer.Ordinal);

        var restrictions = types.SelectMany(static t => t.Relations).SelectMany(static r => r.DirectlyRelatedTypes).ToArray();
        var wildcardTypes = restrictions.Where(static r => r.IsWildcard).Select(static r => r.Type)
            .Where(typeIdentifiers.ContainsKey).Distinct().OrderBy(static t => t, System.StringComparer.Ordinal).ToArray();

        var fgaMembers = new NameScope(diagnostics, [.. ObjectMembers, "Model", "Using", "BatchCheck", "Fga", "FgaClientView"]);
        // The generated types share their namespace with the names the emitted code uses for runtime types.
        var typesNamespace = new NameScope(diagnostics, [.. Emit.CSharp.ReservedTypeNames, "FgaClientView"]);

        // First the relation property names of every type, since struct names of other relations depend on them.
        var relationNames = new Dictionary<string, (string Property, string Struct)>(System.StringComparer.Ordinal);
        var whereNames = new Dictionary<string, string>(System.StringComparer.Ordinal);
        var setNames = new Dictionary<string, (string Property, string Struct)>(System.StringComparer.Ordinal);
        foreach (var type in types)
        {
            var identifier = typeIdentifiers[type.Name];
            var typeLocation = files.Of(type);
            var claimed = fgaMembers.Claim(identifier, "type '" + type.Name + "'", typeLocation);
            if (!(typesNamespace.Claim(identifier, "type '" + type.Name + "'", typeLocation) && claimed))
            {
                // Its relation structs would only repeat the collision under longer names.
                continue;
            }

            // The set of the type's objects: a plural property on Fga and its struct, e.g. Fga.Documents of type DocumentSet.
            var setProperty = Identifiers.ToObjectSetName(type.Name);
            var setStruct = identifier + "Set";
            fgaMembers.Claim(setProperty, "object set of type '" + type.Name + "'", typeLocation);
            typesNamespace.Claim(setStruct, "object set of type '" + type.Name + "'", typeLocation);
            setNames[type.Name] = (setProperty, setStruct);
            var setMembers = new NameScope(diagnostics, [.. ObjectMembers, "WithConsistency"]);
            setMembers.Claim(setStruct, "object set of type '" + type.Name + "'", typeLocation);

            var members = new NameScope(diagnostics, [.. ObjectMembers, "Type", "Id", "Subject", "ReadTuples"]);
            members.Claim(identifier, "type '" + type.Name + "'", typeLocation);
            foreach (var relation in type.Relations.OrderBy(static r => r.Name, System.StringComparer.Ordinal))
            {
                var property = Identifiers.ToRelationPropertyName(relation.Name);
                var structName = identifier + property;
                var relationLocation = files.Of(type, relation);
                members.Claim(property, "relation '" + type.Name + "#" + relation.Name + "'", relationLocation);
                typesNamespace.Claim(structName, "relation '" + type.Name + "#" + relation.Name + "'", relationLocation);
                relationNames[type.Name + "#" + relation.Name] = (property, structName);
                var where = "Where" + Identifiers.ToPascalCase(relation.Name);
                setMembers.Claim(where, "list objects of relation '" + type.Name + "#" + relation.Name + "'", relationLocation);
                whereNames[type.Name + "#" + relation.Name] = where;
            }
        }

        var wildcards = new List<WildcardSpec>();
        foreach (var typeName in wildcardTypes)
        {
            var name = "Any" + typeIdentifiers[typeName];
            var location = FirstWildcard(types, typeName, files);
            fgaMembers.Claim(name, "wildcard '" + typeName + ":*'", location);
            typesNamespace.Claim(name, "wildcard '" + typeName + ":*'", location);
            wildcards.Add(new WildcardSpec(typeName, name));
        }

        var conditionSpecs = new List<ConditionSpec>();
        foreach (var condition in conditions.Values)
        {
            var structName = conditionStructs[condition.Name];
            typesNamespace.Claim(structName, "condition '" + condition.Name + "'", files.Of(condition));
            conditionSpecs.Add(BuildCondition(condition, structName, files, diagnostics));
        }

        if (diagnostics.Count > errorsBefore)
        {
            return null;
        }

        var names = new GeneratedNames(typeIdentifiers, relationNames, whereNames, conditionStructs, new RelatedUserKinds(types));
        var objectTypes = types.Select(type => new ObjectTypeSpec(
            type.Name,
            typeIdentifiers[type.Name],
            setNames[type.Name].Property,
            setNames[type.Name].Struct,
            type.Relations
                .OrderBy(static r => r.Name, System.StringComparer.Ordinal)
                .Select(relation => BuildRelation(type, relation, names))
                .ToEquatableArray())).ToEquatableArray();

        var critical = types
            .SelectMany(static t => t.Relations.Where(r => r.IsCritical || t.IsCritical).Select(r => t.Name + "#" + r.Name))
            .OrderBy(static r => r, System.StringComparer.Ordinal)
            .ToEquatableArray();

        return new ModelSpec(@namespace, json, objectTypes, wildcards.ToEquatableArray(), conditionSpecs.ToEquatableArray(), critical);
    }

    private static RelationSpec BuildRelation(TypeDefinition type, RelationDefinition relation, GeneratedNames names)
    {
        var relationNames = names.Relations;
        var typeIdentifiers = names.Types;
        var conditionStructs = names.Conditions;
        var subjects = new List<SubjectSpec>();
        var seen = new HashSet<(string, string?)>();
        foreach (var restriction in relation.DirectlyRelatedTypes)
        {
            if (!seen.Add((restriction.SubjectText, restriction.Condition)) || SubjectStruct(restriction, relationNames, typeIdentifiers) is not { } structName)
            {
                continue;
            }

            string? conditionStruct = null;
            if (restriction.Condition is not null && !conditionStructs.TryGetValue(restriction.Condition, out conditionStruct))
            {
                // An undefined condition is a model error the compiler reports; it cannot reach a valid model.
                continue;
            }

            subjects.Add(new SubjectSpec(restriction.SubjectText, structName, restriction.Condition, conditionStruct));
        }

        var key = type.Name + "#" + relation.Name;
        var (property, relationStruct) = relationNames[key];
        return new RelationSpec(
            type.Name,
            relation.Name,
            property,
            relationStruct,
            RewriteText.Format(relation),
            relation.IsCritical || type.IsCritical,
            subjects.ToEquatableArray(),
            typeIdentifiers[type.Name],
            names.Where[key],
            UserKinds(type.Name, relation.Name, names));
    }

    /// <summary>The user kinds of a list-users query on the relation, each with the struct that stands for it.</summary>
    private static EquatableArray<UserKindSpec> UserKinds(string typeName, string relationName, GeneratedNames names)
    {
        var kinds = new List<UserKindSpec>();
        foreach (var kind in names.UserKinds.Of(typeName, relationName))
        {
            var hash = kind.IndexOf('#');
            var structName = hash < 0
                ? (names.Types.TryGetValue(kind, out var identifier) ? identifier : null)
                : (names.Relations.TryGetValue(kind, out var relation) ? relation.Struct : null);
            if (structName is not null)
            {
                kinds.Add(new UserKindSpec(kind, structName));
            }
        }

        return kinds.ToEquatableArray();
    }

    /// <summary>The names chosen for the whole model, which each relation's spec draws on.</summary>
    private sealed record GeneratedNames(
        Dictionary<string, string> Types,
        Dictionary<string, (string Property, string Struct)> Relations,
        Dictionary<string, string> Where,
        Dictionary<string, string> Conditions,
        RelatedUserKinds UserKinds);

    /// <summary>Where <c>type:*</c> is first written, which is where a collision of its <c>AnyType</c> name is reported.</summary>
    private static (string Path, SourceSpan Span) FirstWildcard(TypeDefinition[] types, string typeName, ModelSourceFiles files)
    {
        foreach (var type in types)
        {
            foreach (var relation in type.Relations)
            {
                foreach (var restriction in relation.DirectlyRelatedTypes)
                {
                    if (restriction.IsWildcard && restriction.Type == typeName)
                    {
                        return files.Of(type, relation, restriction);
                    }
                }
            }
        }

        return files.Locate(null, SourceSpan.None);
    }

    private static string? SubjectStruct(
        TypeRestriction restriction,
        Dictionary<string, (string Property, string Struct)> relationNames,
        Dictionary<string, string> typeIdentifiers)
    {
        if (!typeIdentifiers.TryGetValue(restriction.Type, out var typeIdentifier))
        {
            return null;
        }

        if (restriction.IsWildcard)
        {
            return "Any" + typeIdentifier;
        }

        if (restriction.Relation is null)
        {
            return typeIdentifier;
        }

        return relationNames.TryGetValue(restriction.Type + "#" + restriction.Relation, out var names) ? names.Struct : null;
    }

    private static ConditionSpec BuildCondition(ConditionDefinition condition, string structName, ModelSourceFiles files, List<DiagnosticInfo> diagnostics)
    {
        var location = files.Of(condition);
        var members = new NameScope(diagnostics, [.. ObjectMembers, "ToRelationshipCondition", "Name"]);
        members.Claim(structName, "condition '" + condition.Name + "'", location);
        var parameters = new List<ConditionParameterSpec>();
        foreach (var parameter in condition.Parameters)
        {
            var property = Identifiers.ToPascalCase(parameter.Name);
            members.Claim(property, "parameter '" + parameter.Name + "' of condition '" + condition.Name + "'", location);
            var (clrType, isValueType) = ConditionTypes.ToClrType(parameter.Type);
            parameters.Add(new ConditionParameterSpec(
                parameter.Name, property, Identifiers.ToParameterName(parameter.Name), clrType, isValueType, ConditionTypes.ToModelText(parameter.Type)));
        }

        return new ConditionSpec(condition.Name, structName, condition.Expression, parameters.ToEquatableArray());
    }
}
