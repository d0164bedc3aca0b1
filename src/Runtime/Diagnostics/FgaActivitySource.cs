using System.Diagnostics;
using System.Reflection;
using TypedFga.Flushing;

namespace TypedFga.Diagnostics;

/// <summary>
/// The runtime's traces, on the activity source <c>TypedFga</c> (with OpenTelemetry:
/// <c>tracing.AddSource(FgaActivitySource.Name)</c>): one <c>typedfga.flush</c> activity per write-behind flush,
/// tagged with what the flush did, and with an error status when it throws; one <c>typedfga.check</c> activity per
/// check made through the client, tagged with how pending operations shaped it. The requests to OpenFGA are their
/// children.
/// </summary>
public static class FgaActivitySource
{
    /// <summary>The name of the activity source, the same as the meter's.</summary>
    public const string Name = "TypedFga";

    /// <summary>The name of the activity that covers one flush.</summary>
    public const string FlushActivityName = "typedfga.flush";

    /// <summary>Operations written by the flush (an integer tag of <see cref="FlushActivityName"/>).</summary>
    public const string WritesTag = "typedfga.flush.writes";

    /// <summary>Operations deleted by the flush.</summary>
    public const string DeletesTag = "typedfga.flush.deletes";

    /// <summary>Operations that failed transiently and were rescheduled.</summary>
    public const string FailedTag = "typedfga.flush.failed";

    /// <summary>Operations moved to the dead letters.</summary>
    public const string DeadLetteredTag = "typedfga.flush.dead_lettered";

    /// <summary>Operations dropped because a later operation on the same tuple replaced them.</summary>
    public const string SupersededTag = "typedfga.flush.superseded";

    /// <summary>Operations whose lease was taken back from a flusher on this machine whose process had ended.</summary>
    public const string TakenOverTag = "typedfga.flush.taken_over";

    /// <summary>The name of the activity that covers one <c>Check</c> made through the client.</summary>
    public const string CheckActivityName = "typedfga.check";

    /// <summary>The checked relation, with <see cref="CheckObjectTypeTag"/> (ids stay out of traces).</summary>
    public const string CheckRelationTag = "typedfga.check.relation";

    /// <summary>The type of the checked object.</summary>
    public const string CheckObjectTypeTag = "typedfga.check.object_type";

    /// <summary>The answer.</summary>
    public const string CheckAllowedTag = "typedfga.check.allowed";

    /// <summary>True when the answer came from the check cache.</summary>
    public const string CheckCachedTag = "typedfga.check.cached";

    /// <summary>Pending grants sent along with the check as contextual tuples.</summary>
    public const string CheckPendingGrantsTag = "typedfga.check.pending_grants";

    /// <summary>True when pending operations were flushed before the check (a pending revoke, or too many grants).</summary>
    public const string CheckFlushedFirstTag = "typedfga.check.flushed_first";

    /// <summary>True when the check denied because a revoke it depends on could not be sent (fail closed).</summary>
    public const string CheckDeniedPendingRevokeTag = "typedfga.check.denied_pending_revoke";

    // One source for the process: listeners subscribe to it by name, and an untraced flush costs one check.
    internal static ActivitySource Source { get; } = new(Name, VersionOf(typeof(FgaActivitySource).Assembly));

    /// <summary>Starts the activity of a flush; null (nothing allocated) when no listener wants it.</summary>
    internal static Activity? StartFlush() => Source.StartActivity(FlushActivityName, ActivityKind.Internal);

    /// <summary>Starts the activity of a check; null (nothing allocated) when no listener wants it.</summary>
    internal static Activity? StartCheck(string? @object, string? relation)
    {
        // Checked first: a cached check calls this on every hit.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(CheckActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            // The type alone: object ids and users can be personal data, and would make every trace unique.
            var colon = @object?.IndexOf(':', StringComparison.Ordinal) ?? -1;
            TagCheck(activity, colon > 0 ? @object![..colon] : @object, relation);
        }

        return activity;
    }

    /// <summary>Starts the activity of a check of an object of <paramref name="type"/>; null (nothing allocated) when no listener wants it.</summary>
    internal static Activity? StartCheckOfType(string type, string relation)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(CheckActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            TagCheck(activity, type, relation);
        }

        return activity;
    }

    /// <summary>Tags the activity of a check answered from the check cache, if there is one.</summary>
    internal static void RecordCachedCheck(Activity? activity, bool allowed)
    {
        activity?.SetTag(CheckCachedTag, true);
        activity?.SetTag(CheckAllowedTag, allowed);
    }

    private static void TagCheck(Activity activity, string? type, string? relation)
    {
        activity.SetTag(CheckObjectTypeTag, type);
        activity.SetTag(CheckRelationTag, relation);
    }

    /// <summary>Tags <paramref name="activity"/> with what the flush did.</summary>
    internal static void RecordFlush(Activity activity, FlushResult result)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(WritesTag, result.Writes);
        activity.SetTag(DeletesTag, result.Deletes);
        activity.SetTag(FailedTag, result.Failed);
        activity.SetTag(DeadLetteredTag, result.DeadLettered);
        activity.SetTag(SupersededTag, result.Superseded);
        activity.SetTag(TakenOverTag, result.TakenOver);
    }

    /// <summary>Marks <paramref name="activity"/> as failed by <paramref name="exception"/>.</summary>
    internal static void RecordFailure(Activity activity, Exception exception)
    {
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        if (activity.IsAllDataRequested)
        {
            // The OpenTelemetry conventions for a failed operation: its error type, and the exception as an event.
            activity.SetTag("error.type", exception.GetType().FullName);
            activity.AddException(exception);
        }
    }

    private static string? VersionOf(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (version is null)
        {
            return assembly.GetName().Version?.ToString();
        }

        // The package version, without the source revision the SDK appends after '+'.
        var metadata = version.IndexOf('+', StringComparison.Ordinal);
        return metadata < 0 ? version : version[..metadata];
    }
}
