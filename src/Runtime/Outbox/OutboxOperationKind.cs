namespace TypedFga.Outbox;

/// <summary>What a pending operation does to its tuple when it is flushed.</summary>
public enum OutboxOperationKind
{
    /// <summary>Write the tuple.</summary>
    Grant = 1,

    /// <summary>Delete the tuple.</summary>
    Revoke = 2,
}
