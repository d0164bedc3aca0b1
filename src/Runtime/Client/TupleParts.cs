namespace TypedFga;

/// <summary>Reads the parts of OpenFGA's object and user strings (<c>type:id</c>, <c>type:id#relation</c>, <c>type:*</c>).</summary>
internal static class TupleParts
{
    /// <summary>The type of an object or user: <c>document</c> for <c>document:1</c> and <c>team:eng#member</c>.</summary>
    public static string TypeOf(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? value[..colon] : value;
    }

    /// <summary>The object and relation of a userset user (<c>team:eng#member</c>); null for any other user.</summary>
    public static (string Object, string Relation)? SplitUserset(string user)
    {
        var hash = user.IndexOf('#', StringComparison.Ordinal);
        return hash > 0 && hash < user.Length - 1 ? (user[..hash], user[(hash + 1)..]) : null;
    }

    /// <summary>True when <paramref name="user"/> is the wildcard of <paramref name="type"/> (<c>user:*</c>).</summary>
    public static bool IsWildcardOf(string user, string type) =>
        user.Length == type.Length + 2
        && user.StartsWith(type, StringComparison.Ordinal)
        && user[type.Length] == ':'
        && user[^1] == '*';

    /// <summary>The id of an object: <c>1</c> for <c>document:1</c>; empty when it has none.</summary>
    public static string IdOf(string @object)
    {
        var colon = @object.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? @object[(colon + 1)..] : "";
    }

    /// <summary>The type and relation of a ListUsers filter: (<c>user</c>, null) for <c>user</c>, (<c>team</c>, <c>member</c>) for <c>team#member</c>.</summary>
    public static (string Type, string? Relation) SplitUserFilter(string filter)
    {
        var hash = filter.IndexOf('#', StringComparison.Ordinal);
        return hash > 0 ? (filter[..hash], filter[(hash + 1)..]) : (filter, null);
    }
}
