using System.Diagnostics;
using TypedFga.Diagnostics;

namespace TypedFga.Flushing;

/// <summary>What a flush's activity records about it.</summary>
internal static class FlushTracing
{
    /// <summary>Tags <paramref name="activity"/> with what the flush did.</summary>
    public static void Record(Activity activity, FlushResult result)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag(FgaActivitySource.WritesTag, result.Writes);
        activity.SetTag(FgaActivitySource.DeletesTag, result.Deletes);
        activity.SetTag(FgaActivitySource.FailedTag, result.Failed);
        activity.SetTag(FgaActivitySource.DeadLetteredTag, result.DeadLettered);
        activity.SetTag(FgaActivitySource.SupersededTag, result.Superseded);
        activity.SetTag(FgaActivitySource.TakenOverTag, result.TakenOver);
    }
}
