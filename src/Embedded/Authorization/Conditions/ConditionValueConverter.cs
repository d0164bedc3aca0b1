using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;

namespace TypedFga.Embedded.Authorization.Conditions;

/// <summary>
/// Converts JSON context values to the CLR values the CEL evaluator expects for each OpenFGA parameter type,
/// with OpenFGA's rules: numbers may arrive as numbers or numeric strings, ints must be integral, timestamps are
/// RFC 3339, durations use Go's syntax, ip addresses become their bytes.
/// </summary>
internal static partial class ConditionValueConverter
{
    /// <summary>Converts <paramref name="value"/>; throws <see cref="FormatException"/> with the reason when it does not fit.</summary>
    public static object? Convert(JsonNode? value, ConditionParameterType type)
    {
        switch (type.TypeName)
        {
            case "TYPE_NAME_ANY":
                return ToPlain(value);
            case "TYPE_NAME_BOOL":
                return value is JsonValue b && b.TryGetValue<bool>(out var flag) ? flag : throw Expected("a bool", value);
            case "TYPE_NAME_STRING":
                return value is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : throw Expected("a string", value);
            case "TYPE_NAME_INT":
                {
                    var number = ToNumber(value, "an int");
                    if (decimal.Truncate(number) != number || number < long.MinValue || number > long.MaxValue)
                    {
                        throw Expected("an int", value);
                    }

                    return (long)number;
                }

            case "TYPE_NAME_UINT":
                {
                    var number = ToNumber(value, "a uint");
                    if (decimal.Truncate(number) != number || number < 0 || number > long.MaxValue)
                    {
                        throw Expected("a uint", value);
                    }

                    return (ulong)number;
                }

            case "TYPE_NAME_DOUBLE":
                return ToDouble(value);
            case "TYPE_NAME_DURATION":
                return value is JsonValue d && d.GetValueKind() == JsonValueKind.String
                    ? GoDuration.Parse(d.GetValue<string>())
                    : throw Expected("a duration string", value);
            case "TYPE_NAME_TIMESTAMP":
                return value is JsonValue t && t.GetValueKind() == JsonValueKind.String
                    ? ParseTimestamp(t.GetValue<string>())
                    : throw Expected("an RFC 3339 timestamp string", value);
            case "TYPE_NAME_IPADDRESS":
                return value is JsonValue ip && ip.GetValueKind() == JsonValueKind.String && IPAddress.TryParse(ip.GetValue<string>(), out var address) && !ip.GetValue<string>().Contains('/')
                    ? IpAddresses.ToValue(address)
                    : throw Expected("a well-formed IP address", value);
            case "TYPE_NAME_LIST":
                if (value is not JsonArray array)
                {
                    throw Expected("a list", value);
                }

                var list = new List<object?>(array.Count);
                foreach (var item in array)
                {
                    list.Add(type.Element is null ? ToPlain(item) : Convert(item, type.Element));
                }

                return list;
            case "TYPE_NAME_MAP":
                if (value is not JsonObject obj)
                {
                    throw Expected("a map", value);
                }

                var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in obj)
                {
                    map[key] = type.Element is null ? ToPlain(item) : Convert(item, type.Element);
                }

                return map;
            default:
                throw new FormatException($"unsupported parameter type '{type.TypeName}'");
        }
    }

    private static decimal ToNumber(JsonNode? value, string expected)
    {
        if (value is JsonValue json)
        {
            if (json.GetValueKind() == JsonValueKind.Number && TryGetDouble(json, out var real))
            {
                if (json.TryGetValue<decimal>(out var number))
                {
                    return number;
                }

                if (json.TryGetValue<long>(out var integer))
                {
                    return integer;
                }

                if (Math.Abs(real) < 7.9e28)
                {
                    return (decimal)real;
                }
            }
            else if (json.GetValueKind() == JsonValueKind.String
                && decimal.TryParse(json.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }

        throw Expected(expected, value);
    }

    private static double ToDouble(JsonNode? value)
    {
        if (value is JsonValue json)
        {
            double result;
            if (json.GetValueKind() == JsonValueKind.Number && TryGetDouble(json, out result) && double.IsFinite(result))
            {
                return result;
            }

            if (json.GetValueKind() == JsonValueKind.String
                && double.TryParse(json.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out result)
                && double.IsFinite(result))
            {
                return result;
            }
        }

        throw Expected("a double", value);
    }

    /// <summary>Reads a JSON number whether it was parsed from text or created from any CLR numeric type.</summary>
    private static bool TryGetDouble(JsonValue json, out double value)
    {
        if (json.TryGetValue(out value))
        {
            return true;
        }

        if (json.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }

        if (json.TryGetValue<int>(out var i))
        {
            value = i;
            return true;
        }

        if (json.TryGetValue<ulong>(out var u))
        {
            value = u;
            return true;
        }

        if (json.TryGetValue<decimal>(out var m))
        {
            value = (double)m;
            return true;
        }

        if (json.TryGetValue<float>(out var f))
        {
            value = f;
            return true;
        }

        return false;
    }

    private static DateTimeOffset ParseTimestamp(string text)
    {
        if (!Rfc3339().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var timestamp))
        {
            throw new FormatException($"expected RFC 3339 formatted timestamp string, but found '{text}'");
        }

        return timestamp;
    }

    /// <summary>A JSON value as plain CLR data, for <c>any</c> parameters and untyped list or map elements.</summary>
    private static object? ToPlain(JsonNode? value) => value switch
    {
        null => null,
        JsonArray array => array.Select(ToPlain).ToList(),
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToPlain(p.Value), StringComparer.Ordinal),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => v.TryGetValue<long>(out var l) ? l : TryGetDouble(v, out var d) ? d : null,
            _ => null,
        },
        _ => null,
    };

    private static FormatException Expected(string what, JsonNode? value) =>
        new($"expected {what}, but found '{value?.ToJsonString() ?? "null"}'");

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();
}

/// <summary>IP address values as the CEL evaluator compares them: their bytes.</summary>
internal static class IpAddresses
{
    public static ByteString ToValue(IPAddress address) => ByteString.CopyFrom(address.GetAddressBytes());

    public static IPAddress FromValue(ByteString value) => new(value.ToByteArray());
}
