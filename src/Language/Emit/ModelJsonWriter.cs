using TypedFga.Language.Model;

namespace TypedFga.Language;

/// <summary>
/// Writes a model as OpenFGA's JSON (the body of WriteAuthorizationModel), exactly as OpenFGA's DSL transformer
/// shapes it: <c>metadata: null</c> for a type without relations, an empty <c>directly_related_user_types</c>
/// for relations that are not directly assignable, and <c>module</c> / <c>source_info</c> only for modular models.
/// <c># @critical</c> marks are not part of OpenFGA's model and are not written.
/// </summary>
public static class ModelJsonWriter
{
    /// <summary>Returns the model as compact JSON text.</summary>
    /// <param name="model">The model to write.</param>
    /// <exception cref="System.ArgumentNullException"><paramref name="model"/> is null.</exception>
    public static string Write(AuthorizationModel model)
    {
        if (model is null)
        {
            throw new System.ArgumentNullException(nameof(model));
        }

        var json = new Emit.JsonBuilder();
        json.StartObject();
        if (model.SchemaVersion.Length > 0)
        {
            json.Property("schema_version", model.SchemaVersion);
        }

        if (!model.Types.IsEmpty)
        {
            json.Name("type_definitions").StartArray();
            foreach (var type in model.Types)
            {
                WriteType(json, type);
            }

            json.EndArray();
        }

        if (!model.Conditions.IsEmpty)
        {
            json.Name("conditions").StartObject();
            foreach (var condition in model.Conditions)
            {
                WriteCondition(json, condition);
            }

            json.EndObject();
        }

        json.EndObject();
        return json.ToString();
    }

    private static void WriteType(Emit.JsonBuilder json, TypeDefinition type)
    {
        json.StartObject().Property("type", type.Name);
        json.Name("relations").StartObject();
        foreach (var relation in type.Relations)
        {
            json.Name(relation.Name);
            WriteRewrite(json, relation.Rewrite);
        }

        json.EndObject();
        json.Name("metadata");
        if (type.Module is null && type.Relations.IsEmpty)
        {
            json.Null();
        }
        else
        {
            json.StartObject();
            if (!type.Relations.IsEmpty)
            {
                json.Name("relations").StartObject();
                foreach (var relation in type.Relations)
                {
                    WriteRelationMetadata(json, relation);
                }

                json.EndObject();
            }

            WriteModuleInfo(json, type.Module, type.SourceFile);
            json.EndObject();
        }

        json.EndObject();
    }

    private static void WriteRelationMetadata(Emit.JsonBuilder json, RelationDefinition relation)
    {
        json.Name(relation.Name).StartObject();
        json.Name("directly_related_user_types").StartArray();
        foreach (var restriction in relation.DirectlyRelatedTypes)
        {
            json.StartObject().Property("type", restriction.Type);
            if (restriction.Relation is not null)
            {
                json.Property("relation", restriction.Relation);
            }

            if (restriction.IsWildcard)
            {
                json.Name("wildcard").EmptyObject();
            }

            if (restriction.Condition is not null)
            {
                json.Property("condition", restriction.Condition);
            }

            json.EndObject();
        }

        json.EndArray();
        WriteModuleInfo(json, relation.Module, relation.SourceFile);
        json.EndObject();
    }

    private static void WriteRewrite(Emit.JsonBuilder json, Rewrite rewrite)
    {
        json.StartObject();
        switch (rewrite)
        {
            case DirectRewrite:
                json.Name("this").EmptyObject();
                break;
            case ComputedUsersetRewrite computed:
                json.Name("computedUserset").StartObject().Property("relation", computed.Relation).EndObject();
                break;
            case TupleToUsersetRewrite tupleToUserset:
                json.Name("tupleToUserset").StartObject();
                json.Name("tupleset").StartObject().Property("relation", tupleToUserset.Tupleset).EndObject();
                json.Name("computedUserset").StartObject().Property("relation", tupleToUserset.ComputedRelation).EndObject();
                json.EndObject();
                break;
            case UnionRewrite union:
                WriteChildren(json, "union", union.Children);
                break;
            case IntersectionRewrite intersection:
                WriteChildren(json, "intersection", intersection.Children);
                break;
            case DifferenceRewrite difference:
                json.Name("difference").StartObject();
                json.Name("base");
                WriteRewrite(json, difference.Base.Value);
                json.Name("subtract");
                WriteRewrite(json, difference.Subtract.Value);
                json.EndObject();
                break;
            default:
                throw new System.ArgumentException($"Unknown rewrite kind '{rewrite.GetType().Name}'.", nameof(rewrite));
        }

        json.EndObject();
    }

    private static void WriteChildren(Emit.JsonBuilder json, string name, EquatableArray<RewriteNode> children)
    {
        json.Name(name).StartObject().Name("child").StartArray();
        foreach (var child in children)
        {
            WriteRewrite(json, child.Value);
        }

        json.EndArray().EndObject();
    }

    private static void WriteCondition(Emit.JsonBuilder json, ConditionDefinition condition)
    {
        json.Name(condition.Name).StartObject();
        json.Property("name", condition.Name);
        json.Property("expression", condition.Expression);
        json.Name("parameters").StartObject();
        foreach (var parameter in condition.Parameters)
        {
            json.Name(parameter.Name).StartObject().Property("type_name", parameter.Type.TypeName);
            if (parameter.Type.GenericArgument is { } argument)
            {
                json.Name("generic_types").StartArray().StartObject().Property("type_name", argument.TypeName).EndObject().EndArray();
            }

            json.EndObject();
        }

        json.EndObject();
        if (condition.Module is not null)
        {
            json.Name("metadata").StartObject();
            WriteModuleInfo(json, condition.Module, condition.SourceFile);
            json.EndObject();
        }

        json.EndObject();
    }

    private static void WriteModuleInfo(Emit.JsonBuilder json, string? module, string? sourceFile)
    {
        if (module is not null)
        {
            json.Property("module", module);
        }

        if (sourceFile is not null)
        {
            json.Name("source_info").StartObject().Property("file", sourceFile).EndObject();
        }
    }
}
