using Dapper;

namespace TypedFga.Outbox;

public sealed partial class SqliteOutboxStore
{
    /// <summary>
    /// The distinct owners of leases still in force whose owner id starts with <paramref name="prefix"/> (the
    /// flushers of one machine).
    /// </summary>
    internal override async Task<IReadOnlyList<string>> GetLeaseOwnersAsync(string prefix, CancellationToken cancellationToken)
    {
        await using var connection = OpenReadConnection();
        var owners = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT lease_owner FROM outbox_operations " +
            "WHERE next_attempt_at > @now AND lease_owner IS NOT NULL AND substr(lease_owner, 1, length(@prefix)) = @prefix",
            new { now = OutboxClock.Now(_timeProvider), prefix },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return owners.AsList();
    }

    /// <summary>
    /// Takes the leases of <paramref name="owners"/>, flushers that can no longer finish, back in one transaction:
    /// their operations become ordinary pending ones, due at once, and the attempt their claim counted is not counted.
    /// Returns how many operations each owner held.
    /// </summary>
    /// <remarks>
    /// A released operation is due from its enqueue time again, not from now: a claim takes due operations in that
    /// order, so it comes before any later operation on the same tuple that waited behind its lease. Were it due
    /// from now, a claim cut by its size limit could send the later operation first and this one after it.
    /// </remarks>
    internal override Task<IReadOnlyList<(string Owner, int Released)>> ReleaseLeasesAsync(IReadOnlyList<string> owners)
    {
        ArgumentNullException.ThrowIfNull(owners);
        var now = OutboxClock.Now(_timeProvider);
        return WriteAsync<IReadOnlyList<(string, int)>>(context =>
        {
            var released = new List<(string, int)>(owners.Count);
            foreach (var owner in owners)
            {
                // Leases in force only: the due index finds them, and an expired one is claimable anyway.
                var count = context.Connection.Execute(
                    "UPDATE outbox_operations SET lease_owner = NULL, next_attempt_at = MIN(enqueued_at, @now), " +
                    "attempts = MAX(attempts - 1, 0) WHERE next_attempt_at > @now AND lease_owner = @owner",
                    new { owner, now },
                    context.Transaction);
                released.Add((owner, count));
            }

            return (released, 0);
        });
    }
}
