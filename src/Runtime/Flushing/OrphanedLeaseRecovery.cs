using Microsoft.Extensions.Logging;
using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>
/// Takes back the leases of flushers on this machine whose process has ended (killed, crashed), so that their
/// operations are sent at once instead of after <see cref="WriteBehindOptions.LeaseDuration"/>. Leases of other
/// machines' flushers, and of any process that may still be running, are left to expire.
/// </summary>
/// <remarks>
/// Runs before a flush claims, at the first flush and then at most once per <see cref="CheckInterval"/>: the
/// query reads only leases in force, but a flush triggered by every batch of appends should not repeat it.
/// Not thread-safe; the flusher's flushes never overlap.
/// </remarks>
internal sealed class OrphanedLeaseRecovery(OutboxStore store, ProcessIdentity self, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>The least time between two looks at the outbox's leases.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private long? _lastCheck;

    /// <summary>Releases the leases of ended processes when a look is due; returns how many operations were released.</summary>
    public async Task<int> RecoverIfDueAsync(CancellationToken cancellationToken)
    {
        if (!self.HasKnownStart)
        {
            return 0;
        }

        var now = timeProvider.GetTimestamp();
        if (_lastCheck is { } last && timeProvider.GetElapsedTime(last, now) < CheckInterval)
        {
            return 0;
        }

        var owners = await store.GetLeaseOwnersAsync(self.MachinePrefix, cancellationToken).ConfigureAwait(false);
        var orphaned = new List<string>();
        foreach (var owner in owners)
        {
            if (ProcessIdentity.TryParseOwner(owner, out var process) && ProcessTable.IsGone(process, self))
            {
                orphaned.Add(owner);
            }
        }

        var recovered = 0;
        if (orphaned.Count > 0)
        {
            foreach (var (owner, released) in await store.ReleaseLeasesAsync(orphaned).ConfigureAwait(false))
            {
                if (released > 0)
                {
                    FlushLog.LeasesTakenOver(logger, released, owner);
                    recovered += released;
                }
            }
        }

        // Only a completed look counts: after a failure the next flush looks again.
        _lastCheck = now;
        return recovered;
    }
}
