namespace TypedFga;

/// <summary>
/// The client behind the generated <c>Fga</c> API: writes tuples, answers checks and the other queries of OpenFGA
/// (list objects, list users, batch check, read, expand), each reflecting the operations still pending in write-behind.
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

    /// <summary>
    /// Answers many checks, in the order given: one BatchCheck request per chunk of the server's limit rather than a
    /// request per check, each taking operations still pending in write-behind into account as <see cref="CheckAsync"/> does.
    /// </summary>
    /// <exception cref="Backends.FgaApiException">OpenFGA could not answer one of the checks; the message names it.</exception>
    ValueTask<IReadOnlyList<bool>> BatchCheckAsync(IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects (<c>document:roadmap</c>) of the query's type on which its user has its relation, at most the server's
    /// limit (OpenFGA: 1,000), in no order, taking operations still pending in write-behind into account.
    /// </summary>
    ValueTask<IReadOnlyList<string>> ListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The objects of <see cref="ListObjectsAsync"/>, streamed as the server finds them (OpenFGA's
    /// <c>streamed-list-objects</c>, which has no result limit).
    /// </summary>
    IAsyncEnumerable<string> StreamListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The subjects of the filter's kind that have the relation on the object: objects (<c>user:anne</c>), the typed
    /// wildcard (<c>user:*</c>) and usersets (<c>team:eng#member</c>), taking operations still pending in write-behind into account.
    /// </summary>
    ValueTask<IReadOnlyList<string>> ListUsersAsync(ListUsersQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// The tuples stored directly on the filter's object, relation and user, page by page, with this process's
    /// pending grants and revokes laid over them (<see cref="FgaTupleRecord.State"/>).
    /// </summary>
    IAsyncEnumerable<FgaTupleRecord> ReadAsync(ReadQuery query, CancellationToken cancellationToken = default);

    /// <summary>One level of the userset tree of the relation on the object, after the pending operations it depends on are sent.</summary>
    ValueTask<FgaExpandNode> ExpandAsync(ExpandQuery query, CancellationToken cancellationToken = default);
}
