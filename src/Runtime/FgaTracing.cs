using System.Diagnostics;
using System.Reflection;
using TypedFga.Diagnostics;

namespace TypedFga;

/// <summary>
/// The activity source of flushes and checks, below every other part of the runtime so that all of them can trace.
/// Its names are <see cref="FgaActivitySource"/>'s constants, which compile into literals: nothing here depends on
/// the diagnostics namespace at run time.
/// </summary>
internal static class FgaTracing
{
    // One source for the process: listeners subscribe to it by name, and an untraced flush costs one check.
    internal static ActivitySource Source { get; } = new(FgaActivitySource.Name, VersionOf(typeof(FgaTracing).Assembly));

    /// <summary>Starts the activity of a flush; null (nothing allocated) when no listener wants it.</summary>
    internal static Activity? StartFlush() => Source.StartActivity(FgaActivitySource.FlushActivityName, ActivityKind.Internal);

    /// <summary>Starts the activity of a check; null (nothing allocated) when no listener wants it.</summary>
    internal static Activity? StartCheck(string? @object, string? relation)
    {
        // Checked first: a cached check calls this on every hit.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(FgaActivitySource.CheckActivityName, ActivityKind.Internal);
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

        var activity = Source.StartActivity(FgaActivitySource.CheckActivityName, ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            TagCheck(activity, type, relation);
        }

        return activity;
    }

    /// <summary>Tags the activity of a check answered from the check cache, if there is one.</summary>
    internal static void RecordCachedCheck(Activity? activity, bool allowed)
    {
        activity?.SetTag(FgaActivitySource.CheckCachedTag, true);
        activity?.SetTag(FgaActivitySource.CheckAllowedTag, allowed);
    }

    private static void TagCheck(Activity activity, string? type, string? relation)
    {
        activity.SetTag(FgaActivitySource.CheckObjectTypeTag, type);
        activity.SetTag(FgaActivitySource.CheckRelationTag, relation);
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
