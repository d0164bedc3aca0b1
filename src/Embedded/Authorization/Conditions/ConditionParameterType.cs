using TypedFga.Wire;

namespace TypedFga.Embedded.Authorization.Conditions;

/// <summary>A condition parameter's declared type: a <c>TYPE_NAME_…</c> with an element type for lists and maps.</summary>
internal sealed record ConditionParameterType(string TypeName, ConditionParameterType? Element)
{
    public static readonly IReadOnlySet<string> KnownTypeNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "TYPE_NAME_ANY", "TYPE_NAME_BOOL", "TYPE_NAME_STRING", "TYPE_NAME_INT", "TYPE_NAME_UINT", "TYPE_NAME_DOUBLE",
        "TYPE_NAME_DURATION", "TYPE_NAME_TIMESTAMP", "TYPE_NAME_MAP", "TYPE_NAME_LIST", "TYPE_NAME_IPADDRESS",
    };

    public static ConditionParameterType From(ConditionParamTypeRef reference)
    {
        var element = reference.GenericTypes is { Count: > 0 } generic ? From(generic[0]) : null;
        return new ConditionParameterType(reference.TypeName ?? "", element);
    }

    public override string ToString() => TypeName switch
    {
        "TYPE_NAME_LIST" => $"list<{Element}>",
        "TYPE_NAME_MAP" => $"map<{Element}>",
        _ => TypeName.Replace("TYPE_NAME_", "", StringComparison.Ordinal).ToLowerInvariant(),
    };
}
