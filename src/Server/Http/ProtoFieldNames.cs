using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TypedFga.Server.Http;

/// <summary>
/// Lets a request spell a field by its proto name as well as by its JSON name, as protojson does: a contract
/// modifier that gives each field whose two names differ a second, read-only-from-JSON property.
/// </summary>
/// <remarks>
/// protoc derives a field's default JSON name from its proto name by dropping each underscore and capitalising the
/// letter after it, so a lowerCamelCase JSON name gives the proto name back as its snake_case. OpenFGA declares a
/// snake_case JSON name equal to the proto name for nearly every field (<c>tuple_key</c>, <c>authorization_model_id</c>,
/// …), so those have one spelling only and <c>tupleKey</c> is an unknown field to OpenFGA, ignored. The fields that
/// keep the default, <c>computedUserset</c> and <c>tupleToUserset</c> of a model's usersets, are also accepted as
/// <c>computed_userset</c> and <c>tuple_to_userset</c>.
/// </remarks>
internal static class ProtoFieldNames
{
    /// <summary>The proto name of a field with this JSON name, or null when it is the JSON name itself.</summary>
    public static string? ProtoNameOf(string jsonName)
    {
        var snakeCase = JsonNamingPolicy.SnakeCaseLower.ConvertName(jsonName);
        return snakeCase == jsonName ? null : snakeCase;
    }

    /// <summary>A contract modifier: adds the proto-name spelling of each field of an object contract that has one.</summary>
    public static void AddProtoNames(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        for (int i = 0, count = typeInfo.Properties.Count; i < count; i++)
        {
            var field = typeInfo.Properties[i];
            if (ProtoNameOf(field.Name) is { } protoName)
            {
                typeInfo.Properties.Add(CreateProtoNameProperty(typeInfo, field, protoName));
            }
        }
    }

    private static JsonPropertyInfo CreateProtoNameProperty(JsonTypeInfo typeInfo, JsonPropertyInfo field, string protoName)
    {
        // The contracts are records with init-only properties. Source-generated metadata fills those only through
        // the constructor and only under the JSON name, so the proto-name spelling is read as a property of its
        // own, which the serializer assigns after construction, through the record's setter.
        if (field.AssociatedParameter is null)
        {
            throw new InvalidOperationException($"The field '{field.Name}' of {typeInfo.Type} is not set through the constructor, so a repeat under its proto name '{protoName}' could not be detected.");
        }

        var setter = (field.AttributeProvider as PropertyInfo)?.SetMethod
            ?? throw new InvalidOperationException($"The field '{field.Name}' of {typeInfo.Type} has no setter to read its proto name '{protoName}' into.");
        var getter = field.Get
            ?? throw new InvalidOperationException($"The field '{field.Name}' of {typeInfo.Type} cannot be read back to detect it being given twice.");
        var unset = field.PropertyType.IsValueType ? Activator.CreateInstance(field.PropertyType) : null;

        var property = typeInfo.CreateJsonPropertyInfo(field.PropertyType, protoName);
        property.CustomConverter = field.CustomConverter;
        property.NumberHandling = field.NumberHandling;
        property.Set = (target, value) =>
        {
            // protojson rejects a field given in both spellings. The constructor has set the JSON-name value by now,
            // whichever came first in the body; one given as null cannot be told from an absent one and counts as absent.
            if (!Equals(getter(target), unset))
            {
                throw new JsonException($"the field \"{field.Name}\" is given twice, also as \"{protoName}\"");
            }

            setter.Invoke(target, [value]);
        };

        // No getter: answers keep the JSON name only.
        return property;
    }
}
