using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace TypedFga.Flushing;

/// <summary>
/// What names a process unambiguously on its machine, as the lease owners of the outbox spell it:
/// <c>{machine}/{pid}/{started}/{random}/{flush}</c>, e.g. <c>web-01/4711/18734512/3f0c…/12</c> on Linux and
/// <c>web-01/4711/20250301T081500.1234567Z/3f0c…/12</c> elsewhere.
/// </summary>
/// <remarks>
/// <para><see cref="Machine"/> is the machine name; on Linux a process in a pid namespace of its own (a container)
/// adds it (<c>web-01+pidns:4026532451</c>), since two containers may share a host name while their process ids
/// mean different processes.</para>
/// <para><see cref="Started"/> tells a reused process id from the process that held it before. It is what the
/// operating system recorded when the process started, read the same way by every process: on Linux the clock
/// ticks since boot from <c>/proc/&lt;pid&gt;/stat</c>, elsewhere the start time in UTC. (On Linux
/// <c>Process.StartTime</c> adds those ticks to a boot time each process computes for itself from the current
/// clock, so two processes read different times for one process, by a millisecond or by a clock adjustment.)</para>
/// </remarks>
/// <param name="Machine">Where <see cref="ProcessId"/> is meaningful.</param>
/// <param name="ProcessId">The process id.</param>
/// <param name="Started">The start stamp, or <see cref="UnknownStart"/> when it could not be read.</param>
internal sealed record ProcessIdentity(string Machine, int ProcessId, string Started)
{
    /// <summary>The start stamp of a process whose start could not be read; such an owner is never judged gone.</summary>
    public const string UnknownStart = "unknown";

    private static readonly Lazy<ProcessIdentity> LazyCurrent = new(ProcessTable.DescribeCurrent);

    /// <summary>This process.</summary>
    public static ProcessIdentity Current => LazyCurrent.Value;

    /// <summary>Whether the start stamp was read, so that a different one proves another process.</summary>
    public bool HasKnownStart => Started != UnknownStart;

    /// <summary>The start of every lease owner id of this process: <c>{machine}/{pid}/{started}/</c>.</summary>
    public string OwnerPrefix => $"{Machine}/{ProcessId.ToString(CultureInfo.InvariantCulture)}/{Started}/";

    /// <summary>The start of the lease owner ids of every process on <see cref="Machine"/>.</summary>
    public string MachinePrefix => Machine + "/";

    /// <summary>A flusher instance's owner id: this identity, then a random part.</summary>
    public string NewInstanceId() => OwnerPrefix + Guid.NewGuid().ToString("N");

    /// <summary>
    /// Reads the process out of a lease owner id (<c>{machine}/{pid}/{started}/{random}/{flush}</c>). False for ids in
    /// any other shape, such as those written by earlier versions; their leases are left to expire.
    /// </summary>
    public static bool TryParseOwner(string owner, [NotNullWhen(true)] out ProcessIdentity? identity)
    {
        ArgumentNullException.ThrowIfNull(owner);
        identity = null;

        // Read from the right: the machine name is the rest, whatever it holds.
        var flushEnd = owner.LastIndexOf('/');
        var randomEnd = flushEnd > 0 ? owner.LastIndexOf('/', flushEnd - 1) : -1;
        var startEnd = randomEnd > 0 ? owner.LastIndexOf('/', randomEnd - 1) : -1;
        var pidEnd = startEnd > 0 ? owner.LastIndexOf('/', startEnd - 1) : -1;
        if (pidEnd <= 0)
        {
            return false;
        }

        var flush = owner.AsSpan(flushEnd + 1);
        var random = owner.AsSpan(randomEnd + 1, flushEnd - randomEnd - 1);
        var started = owner.Substring(startEnd + 1, randomEnd - startEnd - 1);
        var pid = owner.AsSpan(pidEnd + 1, startEnd - pidEnd - 1);
        if (!long.TryParse(flush, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !Guid.TryParseExact(random, "N", out _)
            || started.Length == 0
            || !int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out var processId)
            || processId <= 0)
        {
            return false;
        }

        identity = new ProcessIdentity(owner[..pidEnd], processId, started);
        return true;
    }
}
