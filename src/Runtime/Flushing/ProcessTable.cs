using System.Diagnostics;
using System.Globalization;

namespace TypedFga.Flushing;

/// <summary>
/// Reads this machine's processes to tell whether the process behind a lease owner is gone. Every doubt answers
/// "still running": a lease is taken over only from a process that certainly no longer runs.
/// </summary>
internal static class ProcessTable
{
    // The inode of Linux's initial pid namespace (PROC_PID_INIT_INO): processes outside containers live in it.
    private const string InitialPidNamespace = "pid:[4026531836]";

    /// <summary>Describes this process.</summary>
    public static ProcessIdentity DescribeCurrent()
    {
        var machine = Environment.MachineName;
        var pid = Environment.ProcessId;
        if (OperatingSystem.IsLinux())
        {
            var pidNamespace = ReadLink("/proc/self/ns/pid");
            if (pidNamespace is null)
            {
                // Without its namespace this process cannot say which process ids it shares with others: it
                // neither judges other owners nor lets them judge it.
                return new ProcessIdentity(machine, pid, ProcessIdentity.UnknownStart);
            }

            machine = MachineScope(machine, pidNamespace);
        }

        return new ProcessIdentity(machine, pid, ReadStart(pid) ?? ProcessIdentity.UnknownStart);
    }

    /// <summary>
    /// Where Linux process ids are meaningful: the machine name, and the pid namespace (<paramref name="pidNamespace"/>
    /// as <c>/proc/self/ns/pid</c> links it, <c>pid:[4026532451]</c>) unless it is the host's own.
    /// </summary>
    public static string MachineScope(string machineName, string pidNamespace) =>
        pidNamespace == InitialPidNamespace
            ? machineName
            : machineName + "+pidns:" + pidNamespace.Replace("pid:[", "", StringComparison.Ordinal).TrimEnd(']');

    /// <summary>
    /// True only when <paramref name="owner"/> is a process of <paramref name="current"/>'s machine that has certainly
    /// ended: its id names no process, or a process that started at another time (the id was reused).
    /// </summary>
    public static bool IsGone(ProcessIdentity owner, ProcessIdentity current)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(current);
        if (!owner.HasKnownStart || !current.HasKnownStart || owner.Machine != current.Machine)
        {
            return false;
        }

        if (owner.ProcessId == current.ProcessId)
        {
            // The id is this process's now: the owner is this process or one that held the id before it.
            return owner.Started != current.Started;
        }

        if (!IsRunning(owner.ProcessId))
        {
            return true;
        }

        var started = ReadStart(owner.ProcessId);
        return started is not null && started != owner.Started;
    }

    /// <summary>The start stamp of process <paramref name="pid"/> (see <see cref="ProcessIdentity.Started"/>); null when unreadable.</summary>
    public static string? ReadStart(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return ReadLinuxStartTicks(pid);
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.StartTime.ToUniversalTime().ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException or NotSupportedException
            or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>Whether a process with this id exists; one that belongs to another user counts as existing.</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return true;
        }
        catch (ArgumentException)
        {
            // The documented answer for an id that names no running process.
            return false;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException
            or PlatformNotSupportedException or System.ComponentModel.Win32Exception)
        {
            return true;
        }
    }

    // Field 22 of /proc/<pid>/stat: the start in clock ticks after boot. The command name (field 2) is in
    // parentheses and may itself hold spaces and parentheses, so fields are counted from the last ')'.
    private static string? ReadLinuxStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText("/proc/" + pid.ToString(CultureInfo.InvariantCulture) + "/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        // After the ')' come the state (field 3) onwards; the start is the 20th of them.
        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out _) ? fields[19] : null;
    }

    private static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
