namespace TypedFga.Typed;

/// <summary>
/// A check without context made through the generated API, in parts: the object's type and id, the relation and the
/// subject's parts. <see cref="ToQuery"/> builds the strings only when the check must be asked.
/// </summary>
internal readonly struct CheckParts
{
    public CheckParts(string objectType, FgaId objectId, string relation, FgaSubjectParts subject)
    {
        ObjectType = objectType;
        ObjectId = objectId;
        Relation = relation;
        Subject = subject;
    }

    public string ObjectType { get; }

    public FgaId ObjectId { get; }

    public string Relation { get; }

    public FgaSubjectParts Subject { get; }

    public CheckQuery ToQuery(FgaConsistency consistency) =>
        new(Subject.ToString(), Relation, ObjectType + ":" + ObjectId.ToString()) { Consistency = consistency };
}

/// <summary>
/// A client that answers checks given in parts, so that a check answered from the check cache builds no strings and
/// allocates nothing. <see cref="FgaRelationTarget"/> uses it when the client implements it, and
/// <see cref="IFgaClient.CheckAsync"/> otherwise.
/// </summary>
internal interface ICheckByParts
{
    /// <summary>Answers the check as <see cref="IFgaClient.CheckAsync"/> would answer <see cref="CheckParts.ToQuery"/>.</summary>
    ValueTask<bool> CheckAsync(in CheckParts check, FgaConsistency consistency, CancellationToken cancellationToken);
}
