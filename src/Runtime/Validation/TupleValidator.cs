using System.Text;

namespace TypedFga.Validation;

/// <summary>
/// Checks a tuple against OpenFGA's format and length rules before it is stored or sent, so that a bad
/// tuple fails at the call that made it instead of at a flush minutes later.
/// </summary>
/// <remarks>
/// The rules are OpenFGA's: a type is 1..254 characters without <c>: # @ *</c> or whitespace, a relation
/// 1..50 characters under the same rule, an object <c>type:id</c> of 2..256 characters, a user an object,
/// a userset <c>type:id#relation</c> or a wildcard <c>type:*</c> of at most 512 bytes, and a condition
/// name 2..256 characters without whitespace. Object ids hold letters, digits and <c>_ | * @ . + / -</c>
/// and may not start with <c>*</c> (OpenFGA's shared object-id validation cases).
/// </remarks>
public static class TupleValidator
{
    /// <summary>The longest object OpenFGA accepts, in characters.</summary>
    public const int MaxObjectLength = 256;

    /// <summary>The longest user OpenFGA accepts, in UTF-8 bytes.</summary>
    public const int MaxUserBytes = 512;

    /// <summary>The longest type name OpenFGA accepts.</summary>
    public const int MaxTypeLength = 254;

    /// <summary>The longest relation name OpenFGA accepts.</summary>
    public const int MaxRelationLength = 50;

    /// <summary>The longest condition name OpenFGA accepts.</summary>
    public const int MaxConditionNameLength = 256;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first rule <paramref name="tuple"/> breaks.</summary>
    /// <param name="tuple">The tuple to check.</param>
    /// <param name="parameterName">The caller's parameter name, reported in the exception.</param>
    public static void Validate(TupleKey tuple, string parameterName = "tuple")
    {
        ArgumentNullException.ThrowIfNull(tuple, parameterName);
        var problem = FindProblem(tuple);
        if (problem is not null)
        {
            throw new ArgumentException($"The tuple {Describe(tuple)} is not valid for OpenFGA: {problem}", parameterName);
        }
    }

    /// <summary>Returns why <paramref name="tuple"/> is not valid, or null when it is.</summary>
    public static string? FindProblem(TupleKey tuple)
    {
        ArgumentNullException.ThrowIfNull(tuple);
        return FindObjectProblem(tuple.Object)
            ?? FindRelationProblem(tuple.Relation)
            ?? FindUserProblem(tuple.User)
            ?? (tuple.Condition is null ? null : FindConditionNameProblem(tuple.Condition.Name));
    }

    /// <summary>Whether <paramref name="id"/> is a valid object id (the part after <c>type:</c>).</summary>
    public static bool IsValidObjectId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id[0] == '*')
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsObjectIdCharacter(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> is a valid type name.</summary>
    public static bool IsValidTypeName(string? name) => IsName(name, MaxTypeLength);

    /// <summary>Whether <paramref name="name"/> is a valid relation name.</summary>
    public static bool IsValidRelationName(string? name) => IsName(name, MaxRelationLength);

    private static string? FindObjectProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "the object is empty.";
        }

        if (value.Length > MaxObjectLength)
        {
            return $"the object is {value.Length} characters long; at most {MaxObjectLength} are allowed.";
        }

        return FindTypedIdProblem("object", value);
    }

    private static string? FindRelationProblem(string? value) =>
        IsValidRelationName(value)
            ? null
            : $"the relation '{value}' must be 1 to {MaxRelationLength} characters without ':', '#', '@', '*' or whitespace.";

    private static string? FindUserProblem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "the user is empty.";
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > MaxUserBytes)
        {
            return $"the user is {bytes} bytes long; at most {MaxUserBytes} are allowed.";
        }

        var hash = value.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var relation = value[(hash + 1)..];
            if (!IsValidRelationName(relation))
            {
                return $"the user '{value}' names the relation '{relation}', which is not a valid relation name.";
            }

            return FindTypedIdProblem("user", value[..hash]);
        }

        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && value.AsSpan(colon + 1).SequenceEqual("*"))
        {
            return IsValidTypeName(value[..colon]) ? null : $"the user '{value}' has an invalid type name.";
        }

        if (value.Length < 2)
        {
            return $"the user '{value}' is too short.";
        }

        return FindTypedIdProblem("user", value);
    }

    private static string? FindTypedIdProblem(string role, string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return $"the {role} '{value}' must have the form 'type:id'.";
        }

        var type = value[..colon];
        if (!IsValidTypeName(type))
        {
            return $"the {role} '{value}' has the type '{type}', which must be 1 to {MaxTypeLength} characters without ':', '#', '@', '*' or whitespace.";
        }

        var id = value[(colon + 1)..];
        if (!IsValidObjectId(id))
        {
            return $"the {role} '{value}' has the id '{id}', which may hold only letters, digits and '_ | * @ . + / -' and may not start with '*'.";
        }

        return null;
    }

    private static string? FindConditionNameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length < 2 || name.Length > MaxConditionNameLength || name.Any(char.IsWhiteSpace))
        {
            return $"the condition name '{name}' must be 2 to {MaxConditionNameLength} characters without whitespace.";
        }

        return null;
    }

    private static bool IsName(string? name, int maxLength)
    {
        if (string.IsNullOrEmpty(name) || name.Length > maxLength)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is ':' or '#' or '@' or '*' || char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsObjectIdCharacter(char c) =>
        char.IsLetterOrDigit(c) || c is '_' or '|' or '*' or '@' or '.' or '+' or '/' or '-';

    private static string Describe(TupleKey tuple) => $"'{tuple.Object}#{tuple.Relation}@{tuple.User}'";
}
