using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace TypedFga.Generator.Naming;

/// <summary>
/// Maps OpenFGA names (which may hold almost any character but <c>:</c>, <c>#</c>, <c>@</c> and
/// whitespace) to valid C# identifiers.
/// </summary>
internal static class Identifiers
{
    /// <summary>
    /// Splits a model name into words at <c>_</c>, <c>-</c>, <c>.</c>, <c>/</c> and at every other character
    /// that cannot appear in a C# identifier.
    /// </summary>
    public static IReadOnlyList<string> Words(string name)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var c in name)
        {
            if (c != '_' && SyntaxFacts.IsIdentifierPartCharacter(c))
            {
                current.Append(c);
                continue;
            }

            if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>PascalCase of a model name: <c>asset-category</c> becomes <c>AssetCategory</c>.</summary>
    public static string ToPascalCase(string name) => Join(Words(name), upperFirst: true);

    /// <summary>
    /// The PascalCase property name of a relation: the last word pluralised for noun relations
    /// (<c>editor</c> to <c>Editors</c>), unchanged for predicates (<c>can_view</c> to <c>CanView</c>).
    /// </summary>
    public static string ToRelationPropertyName(string relation)
    {
        var words = new List<string>(Words(relation));
        if (words.Count > 0 && !Pluralizer.IsPredicate(words))
        {
            words[words.Count - 1] = Pluralizer.Pluralize(words[words.Count - 1]);
        }

        return Join(words, upperFirst: true);
    }

    /// <summary>
    /// The name of the property that lists a type's objects: the PascalCase plural of the type name (<c>audit_log</c>
    /// becomes <c>AuditLogs</c>), or <c>All</c> before its PascalCase name when the last word has no distinct plural
    /// (<c>data</c> becomes <c>AllData</c>), so the property never takes the name of the type's own factory.
    /// </summary>
    public static string ToObjectSetName(string name)
    {
        var words = new List<string>(Words(name));
        var singular = Join(words, upperFirst: true);
        if (words.Count > 0)
        {
            words[words.Count - 1] = Pluralizer.Pluralize(words[words.Count - 1]);
        }

        var plural = Join(words, upperFirst: true);
        return plural == singular ? "All" + singular : plural;
    }

    /// <summary>camelCase of a model name, escaped with <c>@</c> when it is a C# keyword: <c>_int</c> becomes <c>@int</c>.</summary>
    public static string ToParameterName(string name)
    {
        var identifier = Join(Words(name), upperFirst: false);
        return SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            || SyntaxFacts.GetContextualKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;
    }

    /// <summary>True when <paramref name="value"/> is a dotted sequence of C# identifiers that are not keywords.</summary>
    public static bool IsValidNamespace(string value)
    {
        if (value.Length == 0)
        {
            return false;
        }

        foreach (var part in value.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None || part == "global")
            {
                return false;
            }
        }

        return true;
    }

    private static string Join(IReadOnlyList<string> words, bool upperFirst)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            var upper = upperFirst || i > 0;
            builder.Append(upper ? char.ToUpperInvariant(word[0]) : char.ToLowerInvariant(word[0]));
            builder.Append(word, 1, word.Length - 1);
        }

        // Names made only of separators, or that start with a digit, still need a valid identifier.
        if (builder.Length == 0 || !SyntaxFacts.IsIdentifierStartCharacter(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}
