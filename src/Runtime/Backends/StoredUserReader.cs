namespace TypedFga.Backends;

/// <summary>Reads the users of one object's relation page by page, up to a limit, for either backend.</summary>
internal static class StoredUserReader
{
    /// <summary>
    /// Follows continuation tokens until the tuples end (the users read) or pass <paramref name="limit"/> (null).
    /// </summary>
    public static async Task<IReadOnlyList<string>?> ReadAsync(
        Func<string?, CancellationToken, Task<(IEnumerable<string?> Users, string? Continuation)>> readPage,
        int limit,
        CancellationToken cancellationToken)
    {
        var users = new List<string>();
        string? continuation = null;
        while (true)
        {
            var (page, next) = await readPage(continuation, cancellationToken).ConfigureAwait(false);
            users.AddRange(page.OfType<string>());
            if (users.Count > limit)
            {
                return null;
            }

            // A server that hands back the token it was given has no further page.
            if (string.IsNullOrEmpty(next) || next == continuation)
            {
                return users;
            }

            continuation = next;
        }
    }
}
