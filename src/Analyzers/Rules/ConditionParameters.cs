using System.Text;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// Matches a generated condition constructor's parameters (<c>grantTime</c>) with the context keys the model uses
/// (<c>grant_time</c>): both are compared without case and underscores, so the match does not depend on how the
/// generator spells an identifier.
/// </summary>
internal static class ConditionParameters
{
    /// <summary>The comparison key: <c>grant_time</c>, <c>grantTime</c> and <c>GrantTime</c> all give <c>granttime</c>.</summary>
    public static string Normalize(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            if (character != '_' && character != '@')
            {
                builder.Append(char.ToLowerInvariant(character));
            }
        }

        return builder.ToString();
    }

    /// <summary>The model spelling of a C# parameter name, for messages: <c>grantTime</c> gives <c>grant_time</c>.</summary>
    public static string ToModelName(string parameterName)
    {
        var builder = new StringBuilder(parameterName.Length + 4);
        foreach (var character in parameterName.TrimStart('@'))
        {
            if (char.IsUpper(character))
            {
                if (builder.Length > 0)
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(character));
            }
            else
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }
}
