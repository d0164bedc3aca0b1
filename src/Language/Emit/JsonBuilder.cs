using System.Globalization;
using System.Text;

namespace TypedFga.Language.Emit;

/// <summary>
/// A minimal compact JSON writer (the compiler runs inside a netstandard2.0 source generator, where
/// System.Text.Json is not available). Tracks only whether a separator is due.
/// </summary>
internal sealed class JsonBuilder
{
    private readonly StringBuilder _builder = new();
    private bool _needsComma;

    public JsonBuilder StartObject()
    {
        Separator();
        _builder.Append('{');
        _needsComma = false;
        return this;
    }

    public JsonBuilder EndObject()
    {
        _builder.Append('}');
        _needsComma = true;
        return this;
    }

    public JsonBuilder StartArray()
    {
        Separator();
        _builder.Append('[');
        _needsComma = false;
        return this;
    }

    public JsonBuilder EndArray()
    {
        _builder.Append(']');
        _needsComma = true;
        return this;
    }

    public JsonBuilder Name(string name)
    {
        Separator();
        AppendString(name);
        _builder.Append(':');
        _needsComma = false;
        return this;
    }

    public JsonBuilder String(string value)
    {
        Separator();
        AppendString(value);
        _needsComma = true;
        return this;
    }

    public JsonBuilder Null()
    {
        Separator();
        _builder.Append("null");
        _needsComma = true;
        return this;
    }

    public JsonBuilder EmptyObject() => StartObject().EndObject();

    public JsonBuilder Property(string name, string value) => Name(name).String(value);

    public override string ToString() => _builder.ToString();

    private void Separator()
    {
        if (_needsComma)
        {
            _builder.Append(',');
            _needsComma = false;
        }
    }

    private void AppendString(string value)
    {
        var builder = _builder;
        builder.Append('"');
        var copied = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            string? escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                // Lone surrogates are not valid UTF-16 text; escaping them keeps the output valid JSON.
                _ when c < ' ' || c == '\u2028' || c == '\u2029' || (char.IsSurrogate(c) && !IsPairedSurrogate(value, i))
                    => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => null,
            };

            if (escape is null)
            {
                if (char.IsHighSurrogate(c))
                {
                    i++;
                }

                continue;
            }

            builder.Append(value, copied, i - copied);
            builder.Append(escape);
            copied = i + 1;
        }

        builder.Append(value, copied, value.Length - copied);
        builder.Append('"');
    }

    private static bool IsPairedSurrogate(string value, int index) =>
        char.IsHighSurrogate(value[index])
            ? index + 1 < value.Length && char.IsLowSurrogate(value[index + 1])
            : index > 0 && char.IsHighSurrogate(value[index - 1]);
}
