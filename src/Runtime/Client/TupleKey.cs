namespace TypedFga;

/// <summary>
/// A relationship tuple as OpenFGA stores it: <c>user</c> has <c>relation</c> on <c>object</c>,
/// optionally only while a condition holds.
/// </summary>
/// <param name="User">The subject: <c>user:anne</c>, <c>team:eng#member</c> or <c>user:*</c>.</param>
/// <param name="Relation">The relation name, for example <c>editor</c>.</param>
/// <param name="Object">The object: <c>document:roadmap</c>.</param>
/// <param name="Condition">The condition the tuple is written with, if any.</param>
public sealed record TupleKey(string User, string Relation, string Object, RelationshipCondition? Condition = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        Condition is null ? $"{Object}#{Relation}@{User}" : $"{Object}#{Relation}@{User} (with {Condition.Name})";
}
