using System.Text;

namespace TypedFga.OpenFga;

/// <summary>Builds a URL query from optional parameters, leaving out the absent ones.</summary>
internal readonly struct QueryString
{
    private readonly string? _value;

    private QueryString(string value) => _value = value;

    public QueryString Add(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return this;
        }

        var builder = new StringBuilder(_value ?? string.Empty)
            .Append(_value is null ? '?' : '&')
            .Append(name)
            .Append('=')
            .Append(Uri.EscapeDataString(value));
        return new QueryString(builder.ToString());
    }

    public override string ToString() => _value ?? string.Empty;

    public static string operator +(string path, QueryString query) => path + query.ToString();
}
