namespace TypedFga.GeneratedClient.Tests.Queries;

/// <summary>
/// Passes every call to another client and keeps the queries it was given, so a test can assert what the typed layer
/// sent (filters, consistency); an answer can be replaced to see how the typed layer takes an unexpected one.
/// </summary>
internal sealed class QueryCapturingClient(IFgaClient inner) : IFgaClient
{
    public List<object> Queries { get; } = [];

    public IReadOnlyList<string>? ListObjectsAnswer { get; set; }

    public IReadOnlyList<string>? ListUsersAnswer { get; set; }

    public ValueTask GrantAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default) =>
        inner.GrantAsync(tuple, mode, cancellationToken);

    public ValueTask RevokeAsync(TupleKey tuple, WriteMode mode = WriteMode.Default, CancellationToken cancellationToken = default) =>
        inner.RevokeAsync(tuple, mode, cancellationToken);

    public ValueTask<bool> CheckAsync(CheckQuery query, CancellationToken cancellationToken = default) =>
        Capture(query, inner.CheckAsync(query, cancellationToken));

    public ValueTask<IReadOnlyList<bool>> BatchCheckAsync(IReadOnlyList<CheckQuery> checks, CancellationToken cancellationToken = default) =>
        Capture(checks, inner.BatchCheckAsync(checks, cancellationToken));

    public ValueTask<IReadOnlyList<string>> ListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default) =>
        ListObjectsAnswer is { } answer ? Capture(query, ValueTask.FromResult(answer)) : Capture(query, inner.ListObjectsAsync(query, cancellationToken));

    public IAsyncEnumerable<string> StreamListObjectsAsync(ListObjectsQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        return inner.StreamListObjectsAsync(query, cancellationToken);
    }

    public ValueTask<IReadOnlyList<string>> ListUsersAsync(ListUsersQuery query, CancellationToken cancellationToken = default) =>
        ListUsersAnswer is { } answer ? Capture(query, ValueTask.FromResult(answer)) : Capture(query, inner.ListUsersAsync(query, cancellationToken));

    public IAsyncEnumerable<FgaTupleRecord> ReadAsync(ReadQuery query, CancellationToken cancellationToken = default)
    {
        Queries.Add(query);
        return inner.ReadAsync(query, cancellationToken);
    }

    public ValueTask<FgaExpandNode> ExpandAsync(ExpandQuery query, CancellationToken cancellationToken = default) =>
        Capture(query, inner.ExpandAsync(query, cancellationToken));

    private ValueTask<T> Capture<T>(object query, ValueTask<T> answer)
    {
        Queries.Add(query);
        return answer;
    }
}
