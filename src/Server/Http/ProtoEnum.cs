using System.Collections.Frozen;

namespace TypedFga.Server.Http;

/// <summary>
/// An enum of OpenFGA's API that request bodies carry, with its values' names and numbers. The contracts hold
/// such fields as strings (the names), so only reading needs the numbers.
/// </summary>
internal sealed class ProtoEnum
{
    private readonly FrozenDictionary<int, string> _names;

    private ProtoEnum(string name, params (string Name, int Number)[] values)
    {
        Name = name;
        _names = values.ToFrozenDictionary(value => value.Number, value => value.Name);
    }

    /// <summary><c>consistency</c> of Check, BatchCheck, Expand, ListObjects, StreamedListObjects, ListUsers and Read.</summary>
    public static ProtoEnum ConsistencyPreference { get; } = new(
        "ConsistencyPreference",
        ("UNSPECIFIED", 0),
        ("MINIMIZE_LATENCY", 100),
        ("HIGHER_CONSISTENCY", 200));

    /// <summary><c>type_name</c> of a condition parameter in an authorization model.</summary>
    public static ProtoEnum TypeName { get; } = new(
        "ConditionParamTypeRef.TypeName",
        ("TYPE_NAME_UNSPECIFIED", 0),
        ("TYPE_NAME_ANY", 1),
        ("TYPE_NAME_BOOL", 2),
        ("TYPE_NAME_STRING", 3),
        ("TYPE_NAME_INT", 4),
        ("TYPE_NAME_UINT", 5),
        ("TYPE_NAME_DOUBLE", 6),
        ("TYPE_NAME_DURATION", 7),
        ("TYPE_NAME_TIMESTAMP", 8),
        ("TYPE_NAME_MAP", 9),
        ("TYPE_NAME_LIST", 10),
        ("TYPE_NAME_IPADDRESS", 11));

    /// <summary>The enum's name in OpenFGA's API, for messages.</summary>
    public string Name { get; }

    /// <summary>
    /// The enum of a request field, by the field's JSON name, or null when the field is not an enum. In OpenFGA's
    /// API every field named <c>consistency</c> is a <see cref="ConsistencyPreference"/>, every <c>type_name</c> a
    /// <see cref="TypeName"/>, and no other request field is an enum.
    /// </summary>
    public static ProtoEnum? OfField(string jsonName) => jsonName switch
    {
        "consistency" => ConsistencyPreference,
        "type_name" => TypeName,
        _ => null,
    };

    /// <summary>The name of the value with this number, or null when the enum defines no such value.</summary>
    public string? NameOf(int number) => _names.GetValueOrDefault(number);
}
