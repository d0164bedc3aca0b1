using Dapper;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    // While an operation is leased, next_attempt_at holds the end of the lease (see ClaimAsync).
    private const string BacklogSql =
        "SELECT " +
        "COALESCE(SUM(CASE WHEN next_attempt_at <= @now THEN 1 ELSE 0 END), 0), " +
        "COALESCE(SUM(CASE WHEN next_attempt_at > @now AND lease_owner IS NULL THEN 1 ELSE 0 END), 0), " +
        "COALESCE(SUM(CASE WHEN next_attempt_at > @now AND lease_owner IS NOT NULL THEN 1 ELSE 0 END), 0), " +
        "MIN(CASE WHEN next_attempt_at > @now AND lease_owner IS NULL THEN next_attempt_at END) " +
        "FROM outbox_operations";

    /// <summary>
    /// Counts the pending operations by whether a flush could send them now: due, waiting out a retry backoff, or
    /// held by a flusher; with the next retry time and the latest error.
    /// </summary>
    public override async Task<OutboxBacklog> GetBacklogAsync(CancellationToken cancellationToken = default)
    {
        var now = OutboxClock.Now(_timeProvider);
        await using var connection = OpenReadConnection();
        var (due, waiting, inFlight, nextRetry) = await connection.QuerySingleAsync<(long, long, long, long?)>(
            new CommandDefinition(BacklogSql, new { now }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var lastError = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT last_error FROM outbox_operations WHERE last_error IS NOT NULL ORDER BY next_attempt_at DESC, seq DESC LIMIT 1",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new OutboxBacklog(due, waiting, inFlight, nextRetry is { } at ? OutboxClock.FromUnixMilliseconds(at) : null, lastError);
    }
}
