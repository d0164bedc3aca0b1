using TypedFga.Language.Model;

namespace TypedFga.Generator.Parsing;

/// <summary>Maps OpenFGA condition parameter types to the C# types the generated API takes.</summary>
internal static class ConditionTypes
{
    /// <summary>The global-qualified C# type (without a trailing <c>?</c>) and whether it is a value type.</summary>
    public static (string ClrType, bool IsValueType) ToClrType(ConditionParameterType type) => type.Kind switch
    {
        ConditionParameterKind.Bool => ("bool", true),
        ConditionParameterKind.String => ("string", false),
        ConditionParameterKind.Int => ("long", true),
        ConditionParameterKind.Uint => ("ulong", true),
        ConditionParameterKind.Double => ("double", true),
        ConditionParameterKind.Duration => ("global::System.TimeSpan", true),
        ConditionParameterKind.Timestamp => ("global::System.DateTimeOffset", true),
        // OpenFGA takes IP addresses as strings in the context ("192.168.0.1"); a string keeps the value as sent.
        ConditionParameterKind.Ipaddress => ("string", false),
        ConditionParameterKind.List => ("global::System.Collections.Generic.IReadOnlyList<" + ElementType(type.GenericArgument) + ">", false),
        ConditionParameterKind.Map => ("global::System.Collections.Generic.IReadOnlyDictionary<string, " + ElementType(type.GenericArgument) + ">", false),
        _ => ("object", false),
    };

    /// <summary>The type as written in the DSL: <c>timestamp</c>, <c>list&lt;string&gt;</c>.</summary>
    public static string ToModelText(ConditionParameterType type)
    {
        var name = type.Kind.ToString().ToLowerInvariant();
        return type.GenericArgument is null ? name : name + "<" + ToModelText(type.GenericArgument) + ">";
    }

    private static string ElementType(ConditionParameterType? argument)
    {
        if (argument is null || argument.Kind == ConditionParameterKind.Any)
        {
            return "object?";
        }

        return ToClrType(argument).ClrType;
    }
}
