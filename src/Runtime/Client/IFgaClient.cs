namespace TypedFga;

/// <summary>
/// The client behind the generated <c>Fga</c> API: writes tuples and answers checks.
/// Registered by <c>AddFga</c>; tests may use <see cref="Testing.RecordingFgaClient"/>.
/// </summary>
public interface IFgaClient
{
    /// <summary>
    /// Adds a tuple. With <see cref="WriteMode.Default"/> and write-behind enabled the operation is
    /// durable, not yet sent, when the returned task completes.
    /// </summary>
    ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default);

    /// <summary>Removes a tuple; see <see cref="GrantAsync"/> for what completion means.</summary>
    ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default);

    /// <summary>Answers a Check, taking operations still pending in write-behind into account.</summary>
    ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default);
}
