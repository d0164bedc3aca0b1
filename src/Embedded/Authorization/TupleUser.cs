namespace TypedFga.Embedded.Authorization;

/// <summary>What a tuple's user field denotes.</summary>
internal enum TupleUserKind
{
    /// <summary><c>user:anne</c>.</summary>
    Object,

    /// <summary><c>user:*</c>.</summary>
    Wildcard,

    /// <summary><c>group:eng#member</c>.</summary>
    Userset,
}

/// <summary>A parsed user field: <c>type:id</c>, <c>type:*</c> or <c>type:id#relation</c>.</summary>
internal readonly record struct TupleUser(string Type, string Id, string Relation)
{
    public TupleUserKind Kind => Relation.Length > 0 ? TupleUserKind.Userset : Id == "*" ? TupleUserKind.Wildcard : TupleUserKind.Object;

    /// <summary>The model-graph node this user starts from: <c>user</c>, <c>user:*</c> or <c>group#member</c>.</summary>
    public string NodeKey => Kind switch
    {
        TupleUserKind.Userset => Type + "#" + Relation,
        TupleUserKind.Wildcard => Type + ":*",
        _ => Type,
    };

    public string Object => Type + ":" + Id;

    /// <summary>Parses a user; false when it is not one of the three forms.</summary>
    public static bool TryParse(string? text, out TupleUser user)
    {
        user = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var hash = text.IndexOf('#');
        var objectPart = hash < 0 ? text : text[..hash];
        var relation = hash < 0 ? "" : text[(hash + 1)..];
        if (hash >= 0 && (relation.Length == 0 || relation.Contains('#') || relation.Contains(':')))
        {
            return false;
        }

        if (!TupleObject.TryParse(objectPart, out var obj, allowWildcard: hash < 0))
        {
            return false;
        }

        user = new TupleUser(obj.Type, obj.Id, relation);
        return true;
    }

    public override string ToString() => Relation.Length > 0 ? Type + ":" + Id + "#" + Relation : Type + ":" + Id;
}

/// <summary>A parsed object field: <c>type:id</c>.</summary>
internal readonly record struct TupleObject(string Type, string Id)
{
    /// <summary>Parses <c>type:id</c>; no whitespace, exactly one colon, both parts non-empty.</summary>
    public static bool TryParse(string? text, out TupleObject result, bool allowWildcard = false)
    {
        result = default;
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1 || text.IndexOf(':', colon + 1) >= 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || c == '#')
            {
                return false;
            }
        }

        var id = text[(colon + 1)..];
        if (id.Contains('*') && !(allowWildcard && id == "*"))
        {
            return false;
        }

        result = new TupleObject(text[..colon], id);
        return true;
    }

    public override string ToString() => Type + ":" + Id;
}
