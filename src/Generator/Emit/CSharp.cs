using System.Globalization;
using System.Text;

namespace TypedFga.Generator.Emit;

/// <summary>Literals and fragments shared by the emitters.</summary>
internal static class CSharp
{
    public const string Client = "global::TypedFga.IFgaClient";
    public const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    public const string CancellationToken = "global::System.Threading.CancellationToken";
    public const string Context = "global::System.Collections.Generic.IReadOnlyDictionary<string, object?>";

    /// <summary>The <c>[GeneratedCode]</c> attribute with this generator's name and version.</summary>
    public static string GeneratedCodeAttribute { get; } =
        "[global::System.CodeDom.Compiler.GeneratedCode(\"TypedFga.Generator\", \""
        + typeof(CSharp).Assembly.GetName().Version?.ToString() + "\")]";

    /// <summary>A regular C# string literal for any text.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>Text made safe for an XML documentation comment (one line).</summary>
    public static string Xml(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '\r' or '\n' => builder.Append(' '),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Inline code in documentation: <c>&lt;c&gt;text&lt;/c&gt;</c>.</summary>
    public static string Code(string value) => "<c>" + Xml(value) + "</c>";
}
