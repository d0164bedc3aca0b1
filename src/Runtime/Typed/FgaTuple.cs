namespace TypedFga.Typed;

/// <summary>
/// A tuple read through the generated API (<c>ReadTuples()</c>): the typed object, the relation, the user taken apart,
/// and where the tuple stands in write-behind.
/// </summary>
/// <typeparam name="TObject">The generated object type, for example <c>Document</c>.</typeparam>
/// <param name="Object">The object.</param>
/// <param name="Relation">The relation's name in the model.</param>
/// <param name="User">The user: an object, a userset or the wildcard.</param>
/// <param name="Condition">The condition the tuple is written with, if any.</param>
/// <param name="State">Stored, or a grant or revoke still pending in write-behind.</param>
/// <param name="WrittenAt">When OpenFGA stored it; null for a pending grant of a tuple OpenFGA does not hold.</param>
public sealed record FgaTuple<TObject>(
    TObject Object,
    string Relation,
    FgaParsedSubject User,
    RelationshipCondition? Condition,
    FgaTupleState State,
    DateTimeOffset? WrittenAt)
    where TObject : struct, IFgaObject
{
    /// <summary>True when the tuple is pending: granted or revoked here, not yet in OpenFGA.</summary>
    public bool IsPending => State != FgaTupleState.Stored;

    /// <summary>True when the tuple holds once pending operations are sent: stored or pending grant, not pending revoke.</summary>
    public bool Exists => State != FgaTupleState.PendingRevoke;
}
