namespace TypedFga.Testing;

/// <summary>What a <see cref="RecordingFgaClient"/> saw.</summary>
public enum RecordedOperationKind
{
    /// <summary>A grant (tuple write).</summary>
    Grant,

    /// <summary>A revoke (tuple delete).</summary>
    Revoke,

    /// <summary>A check.</summary>
    Check,

    /// <summary>A ListObjects; the tuple holds the user, the relation and the type as <c>type:</c>.</summary>
    ListObjects,

    /// <summary>A ListUsers; the tuple holds the user filter (<c>user</c>, <c>team#member</c>), the relation and the object.</summary>
    ListUsers,

    /// <summary>A Read; the tuple holds the filter, empty where it has no part.</summary>
    Read,

    /// <summary>An Expand; the tuple holds the relation and the object, and an empty user.</summary>
    Expand,
}

/// <summary>One call seen by a <see cref="RecordingFgaClient"/>, in call order.</summary>
/// <param name="Kind">Grant, revoke or check.</param>
/// <param name="Tuple">The tuple written, deleted or checked (a check has no condition).</param>
/// <param name="Mode">The write mode; <see cref="WriteMode.Default"/> for checks.</param>
/// <param name="Context">The request context of a check.</param>
public sealed record RecordedOperation(
    RecordedOperationKind Kind,
    TupleKey Tuple,
    WriteMode Mode,
    IReadOnlyDictionary<string, object?>? Context = null);
