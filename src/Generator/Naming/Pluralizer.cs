using System.Collections.Generic;

namespace TypedFga.Generator.Naming;

/// <summary>
/// Turns the last word of a relation name into its plural when it is a noun (<c>editor</c> to
/// <c>editors</c>, <c>policy</c> to <c>policies</c>) and leaves everything else alone: predicates
/// (<c>can_view</c>, <c>is_public</c>), verbs (<c>view</c>), participles (<c>blocked</c>), words already
/// plural and words that carry a number. A generated property reads as a collection of subjects, which is
/// what a noun relation is; a predicate reads as a question and must stay one.
/// </summary>
internal static class Pluralizer
{
    // Leading words that make a relation a question about the subject rather than a role.
    private static readonly HashSet<string> PredicatePrefixes = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "can", "could", "is", "are", "was", "were", "has", "have", "had", "may", "might", "must",
        "should", "shall", "will", "would", "does", "do", "did", "not", "allow", "allows", "in",
    };

    // Words that are actions or states in authorization models, not roles.
    private static readonly HashSet<string> NotNouns = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "access", "approve", "assign", "browse", "comment", "create", "delete", "download",
        "edit", "execute", "get", "invite", "list", "manage", "modify", "own", "post", "publish", "read",
        "remove", "run", "share", "transfer", "update", "upload", "use", "view", "write",
        "active", "public", "private", "internal", "external", "visible", "hidden", "valid", "enabled",
        "disabled", "restricted", "all", "any", "none", "self",
        "pending", "existing", "following", "missing", "remaining", "editing", "viewing", "sharing", "billing",
    };

    // Words whose plural is the same word.
    private static readonly HashSet<string> Uncountable = new(System.StringComparer.OrdinalIgnoreCase)
    {
        "data", "metadata", "information", "info", "staff", "personnel", "equipment", "media", "software",
        "feedback", "series", "species", "news", "sheep", "fish", "deer", "aircraft", "content",
    };

    private static readonly Dictionary<string, string> Irregular = new(System.StringComparer.OrdinalIgnoreCase)
    {
        ["child"] = "children",
        ["person"] = "people",
        ["man"] = "men",
        ["woman"] = "women",
        ["mouse"] = "mice",
        ["goose"] = "geese",
        ["foot"] = "feet",
        ["tooth"] = "teeth",
        ["leaf"] = "leaves",
        ["half"] = "halves",
        ["shelf"] = "shelves",
        ["wolf"] = "wolves",
        ["thief"] = "thieves",
        ["life"] = "lives",
        ["wife"] = "wives",
        ["knife"] = "knives",
        ["criterion"] = "criteria",
        ["index"] = "indexes",
        ["matrix"] = "matrices",
        ["analysis"] = "analyses",
        ["status"] = "statuses",
        ["alias"] = "aliases",
        ["bus"] = "buses",
        ["campus"] = "campuses",
    };

    /// <summary>True when a relation made of these words is a predicate (<c>can_view</c>, <c>is_public</c>).</summary>
    public static bool IsPredicate(IReadOnlyList<string> words) =>
        words.Count > 1 && PredicatePrefixes.Contains(words[0]);

    /// <summary>
    /// The plural of one lower- or mixed-case word, or the word itself when it is not a countable noun
    /// or is already plural. The casing of the first letters is kept.
    /// </summary>
    public static string Pluralize(string word)
    {
        if (word.Length < 2 || !IsPluralizable(word))
        {
            return word;
        }

        if (Irregular.TryGetValue(word, out var irregular))
        {
            return word.Substring(0, 1) + irregular.Substring(1);
        }

        var lower = word.ToLowerInvariant();
        if (lower.EndsWith("y", System.StringComparison.Ordinal) && !IsVowel(lower[lower.Length - 2]))
        {
            return word.Substring(0, word.Length - 1) + "ies";
        }

        if (lower.EndsWith("s", System.StringComparison.Ordinal) || lower.EndsWith("x", System.StringComparison.Ordinal)
            || lower.EndsWith("z", System.StringComparison.Ordinal) || lower.EndsWith("ch", System.StringComparison.Ordinal)
            || lower.EndsWith("sh", System.StringComparison.Ordinal))
        {
            return word + "es";
        }

        return word + "s";
    }

    private static bool IsPluralizable(string word)
    {
        if (Irregular.ContainsKey(word))
        {
            return true;
        }

        var lower = word.ToLowerInvariant();
        if (NotNouns.Contains(lower) || Uncountable.Contains(lower) || char.IsDigit(lower[lower.Length - 1]))
        {
            return false;
        }

        foreach (var irregularPlural in Irregular.Values)
        {
            if (lower == irregularPlural)
            {
                return false;
            }
        }

        // Participles ("blocked", "shared") and adjectives ("viewable", "famous") describe a state, not a set of subjects.
        if ((lower.Length > 3 && lower.EndsWith("ed", System.StringComparison.Ordinal) && !lower.EndsWith("eed", System.StringComparison.Ordinal))
            || (lower.Length > 5 && EndsWithAny(lower, "able", "ible")) || EndsWithAny(lower, "ful", "ous"))
        {
            return false;
        }

        // Already plural: "members", "users"; but "boss", "status", "analysis" are singular.
        if (lower.EndsWith("s", System.StringComparison.Ordinal))
        {
            return EndsWithAny(lower, "ss", "us", "is");
        }

        return true;
    }

    private static bool EndsWithAny(string value, params string[] suffixes)
    {
        foreach (var suffix in suffixes)
        {
            if (value.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
