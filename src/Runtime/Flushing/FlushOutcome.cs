namespace TypedFga.Flushing;

/// <summary>How a flush ended, as the flush history reports it.</summary>
public enum FlushOutcome
{
    /// <summary>Nothing was due.</summary>
    Idle = 0,

    /// <summary>Every operation it took was sent (or superseded).</summary>
    Succeeded = 1,

    /// <summary>Some operations failed transiently (rescheduled) or became dead letters.</summary>
    PartlyFailed = 2,

    /// <summary>The flush threw; its operations stay pending.</summary>
    Failed = 3,
}
