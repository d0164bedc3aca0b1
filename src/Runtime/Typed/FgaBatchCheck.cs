namespace TypedFga.Typed;

/// <summary>
/// Sends the typed checks of <c>Fga.BatchCheck</c> to <see cref="IFgaClient.BatchCheckAsync"/> in one call, after making
/// sure they all go to one client.
/// </summary>
public static class FgaBatchCheck
{
    /// <summary>Asks the checks in one batch.</summary>
    /// <param name="client">
    /// The batch's client: the one of <c>Fga.Using(client)</c>, or null for the client the checks are bound to, else
    /// <see cref="FgaClientContext.Current"/>.
    /// </param>
    /// <param name="checks">The checks, answered in this order.</param>
    /// <param name="cancellationToken">Cancels the batch.</param>
    /// <exception cref="ArgumentNullException"><paramref name="checks"/> is null.</exception>
    /// <exception cref="ArgumentException">A check is <c>default</c>, or the checks are bound to different clients.</exception>
    public static ValueTask<FgaBatchCheckResult> RunAsync(IFgaClient? client, IEnumerable<FgaCheck> checks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToArray();
        var queries = new CheckQuery[list.Length];
        var target = client;
        for (var i = 0; i < list.Length; i++)
        {
            var check = list[i];
            if (check.Query is null)
            {
                throw new ArgumentException($"Check {i} of the batch is default(FgaCheck): make checks with a relation's For(subject).", nameof(checks));
            }

            // One batch is one request, so it cannot reach two clients; a check made through Fga (unbound) joins any.
            if (check.Client is { } bound)
            {
                target ??= bound;
                if (!ReferenceEquals(bound, target))
                {
                    throw new ArgumentException(
                        $"Check {i} of the batch ({check}) is bound to another client than the batch's: ask checks of different clients in separate batches.",
                        nameof(checks));
                }
            }

            queries[i] = check.Query;
        }

        var answer = list.Length == 0
            ? new ValueTask<IReadOnlyList<bool>>(Array.Empty<bool>())
            : (target ?? FgaClientContext.Current).BatchCheckAsync(queries, cancellationToken);
        return ToResultAsync(list, answer);
    }

    private static async ValueTask<FgaBatchCheckResult> ToResultAsync(FgaCheck[] checks, ValueTask<IReadOnlyList<bool>> answer)
    {
        var answers = await answer.ConfigureAwait(false);
        if (answers.Count != checks.Length)
        {
            throw new InvalidOperationException($"The client answered {answers.Count} checks of a batch of {checks.Length}.");
        }

        return new FgaBatchCheckResult(checks, [.. answers]);
    }
}
