using System.Globalization;
using System.Text;

namespace TypedFga.Generator.Emit;

/// <summary>Literals and fragments shared by the emitters.</summary>
internal static class CSharp
{
    public const string Client = "global::TypedFga.IFgaClient";

    /// <summary>
    /// The aliases every generated <c>{Namespace}.FgaTypes</c> block declares, so the many generated members name
    /// runtime types in one token instead of a <c>global::</c>-qualified name. They sit inside the namespace block,
    /// where they win over any user type of an enclosing namespace.
    /// </summary>
    private static readonly (string Name, string Target)[] Aliases =
    [
        ("CancellationToken", "global::System.Threading.CancellationToken"),
        ("CheckContext", "global::System.Collections.Generic.IReadOnlyDictionary<string, object?>"),
        ("CheckResult", "global::System.Threading.Tasks.ValueTask<bool>"),
        ("ContextualTuples", "global::System.Collections.Generic.IReadOnlyList<global::TypedFga.TupleKey>"),
        ("FgaExpandNode", "global::TypedFga.FgaExpandNode"),
        ("FgaConsistency", "global::TypedFga.FgaConsistency"),
        ("GeneratedCode", "global::System.CodeDom.Compiler.GeneratedCodeAttribute"),
        ("IFgaClient", "global::TypedFga.IFgaClient"),
        ("RelationshipCondition", "global::TypedFga.RelationshipCondition"),
        ("ValueTask", "global::System.Threading.Tasks.ValueTask"),
    ];

    // The TypedFga.Typed types the generated code names through the block's import of that namespace.
    private static readonly string[] ImportedNames =
        ["FgaBatchCheck", "FgaBatchCheckResult", "FgaCheck", "FgaCritical", "FgaCriticalAttribute", "FgaId", "FgaObjectId", "FgaRelation", "FgaRelationAttribute", "FgaRelationTarget", "FgaSubjectParts", "FgaTupleReader", "IFgaObject", "IFgaSubject"];

    /// <summary>The namespace-qualified prefix of the generic collection types the generated queries return.</summary>
    public const string Collections = "global::System.Collections.Generic.";

    /// <summary>The namespace-qualified prefix of <c>ValueTask&lt;T&gt;</c>, which an alias cannot name open.</summary>
    public const string Tasks = "global::System.Threading.Tasks.";

    /// <summary>
    /// The simple names the generated <c>{Namespace}.FgaTypes</c> code relies on (aliases and imported types), which no
    /// generated type may take: a type of that namespace would hide the import, and clash with an alias.
    /// </summary>
    public static string[] ReservedTypeNames { get; } = [.. System.Array.ConvertAll(Aliases, static alias => alias.Name), .. ImportedNames];

    /// <summary>The <c>[GeneratedCode]</c> attribute with this generator's name and version, fully qualified.</summary>
    public static string GeneratedCodeAttribute { get; } = "[global::System.CodeDom.Compiler." + GeneratedCodeArguments("GeneratedCode") + "]";

    /// <summary>The same attribute through the alias, for use inside an aliased block.</summary>
    public static string GeneratedCode { get; } = GeneratedCodeArguments("GeneratedCode");

    /// <summary>
    /// Writes the directives at the top of a <c>{Namespace}.FgaTypes</c> block: an import of <c>TypedFga.Typed</c>
    /// (whose generic marker interfaces an alias cannot name open, and whose attributes an alias would make ambiguous)
    /// and the aliases of the other runtime types.
    /// </summary>
    public static void WriteAliases(SourceWriter writer)
    {
        writer.WriteLine("using global::TypedFga.Typed;");
        foreach (var (name, target) in Aliases)
        {
            writer.WriteLine("using " + name + " = " + target + ";");
        }
    }

    /// <summary>A regular C# string literal for any text.</summary>
    public static string Literal(string value)
    {
        if (IsPlain(value))
        {
            return "\"" + value + "\"";
        }

        var builder = new StringBuilder(value.Length + 16);
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
        if (value.IndexOfAny(XmlSpecial) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
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

    private static readonly char[] XmlSpecial = ['&', '<', '>', '\r', '\n'];

    private static string GeneratedCodeArguments(string name) =>
        name + "(\"TypedFga.Generator\", \"" + typeof(CSharp).Assembly.GetName().Version?.ToString() + "\")";

    // Most model names and the model JSON need no escaping; skipping the builder saves time on large models.
    private static bool IsPlain(string value)
    {
        foreach (var c in value)
        {
            if (c is '"' or '\\' || char.IsControl(c) || c is '\u2028' or '\u2029' or '\u0085')
            {
                return false;
            }
        }

        return true;
    }
}
