
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
}
