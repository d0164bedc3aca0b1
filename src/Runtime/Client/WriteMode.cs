namespace TypedFga;

/// <summary>How a grant or revoke travels to OpenFGA.</summary>
public enum WriteMode
{
    /// <summary>
    /// The configured default: buffered in the durable outbox when write-behind is enabled,
    /// unless the relation is critical.
    /// </summary>
    Default = 0,

    /// <summary>Written through to OpenFGA before the call returns, bypassing write-behind.</summary>
    Immediate = 1,
}
