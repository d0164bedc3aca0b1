namespace TypedFga;

/// <summary>A tuple a Read found: stored in OpenFGA, or an operation of this process not yet sent there.</summary>
/// <param name="Tuple">The tuple, with its condition if it has one.</param>
/// <param name="State">Whether it is stored, or a grant or revoke still pending in write-behind.</param>
/// <param name="WrittenAt">When OpenFGA stored it; null for a pending grant of a tuple OpenFGA does not hold.</param>
public sealed record FgaTupleRecord(TupleKey Tuple, FgaTupleState State, DateTimeOffset? WrittenAt)
{
    /// <summary>True when the tuple is pending: granted or revoked here, not yet in OpenFGA.</summary>
    public bool IsPending => State != FgaTupleState.Stored;

    /// <summary>True when the tuple holds once pending operations are sent: stored or pending grant, not pending revoke.</summary>
    public bool Exists => State != FgaTupleState.PendingRevoke;
}

/// <summary>Where a tuple a Read found stands.</summary>
public enum FgaTupleState
{
    /// <summary>Stored in OpenFGA, with no operation pending on it.</summary>
    Stored = 0,

    /// <summary>
    /// Granted through write-behind and not yet sent: OpenFGA does not hold it yet, or holds it with another
    /// condition (the record shows the one granted).
    /// </summary>
    PendingGrant = 1,

    /// <summary>Stored in OpenFGA and revoked through write-behind, not yet sent: it goes with the next flush.</summary>
    PendingRevoke = 2,
}
