namespace TypedFga.Authorization;

/// <summary>One entry of a relation's direct type restriction: <c>user</c>, <c>user:*</c> or <c>group#member</c>, optionally with a condition.</summary>
internal sealed record DirectTypeRestriction(string Type, string? Relation, bool IsWildcard, string? Condition)
{
    /// <summary>The user-node key of this restriction in the model graph: <c>user</c>, <c>user:*</c> or <c>group#member</c>.</summary>
    public string NodeKey => IsWildcard ? Type + ":*" : Relation is null ? Type : Type + "#" + Relation;

    public override string ToString() =>
        Condition is null ? NodeKey : NodeKey + " with " + Condition;
}
