namespace TypedFga.Embedded.Authorization;

/// <summary>One entry of a relation's direct type restriction: <c>user</c>, <c>user:*</c> or <c>group#member</c>, optionally with a condition.</summary>
internal sealed record DirectTypeRestriction(string Type, string? Relation, bool IsWildcard, string? Condition)
{
    /// <summary>The user-node key of this restriction in the model graph: <c>user</c>, <c>user:*</c> or <c>group#member</c>.</summary>
    public string NodeKey => IsWildcard ? Type + ":*" : Relation is null ? Type : Type + "#" + Relation;

    /// <summary>
    /// Whether this restriction names the user's kind: its type and userset relation, its typed wildcard, or its
    /// type for an object.
    /// </summary>
    public bool Admits(TupleUser user) => user.Kind switch
    {
        TupleUserKind.Userset => Type == user.Type && Relation == user.Relation,
        TupleUserKind.Wildcard => Type == user.Type && IsWildcard,
        _ => Type == user.Type && Relation is null && !IsWildcard,
    };

    public override string ToString() =>
        Condition is null ? NodeKey : NodeKey + " with " + Condition;
}
