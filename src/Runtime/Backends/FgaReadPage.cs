namespace TypedFga.Backends;

/// <summary>One page of a Read from a backend: stored tuples, and the token of the next page.</summary>
/// <param name="Tuples">The tuples of this page, each <see cref="FgaTupleState.Stored"/>.</param>
/// <param name="ContinuationToken">The token of the next page; null or empty after the last one.</param>
public sealed record FgaReadPage(IReadOnlyList<FgaTupleRecord> Tuples, string? ContinuationToken);
