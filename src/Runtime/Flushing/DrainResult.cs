using TypedFga.Outbox;

namespace TypedFga.Flushing;

/// <summary>Why a drain stopped flushing.</summary>
public enum DrainStop
{
    /// <summary>Nothing is pending any more.</summary>
    Empty,

    /// <summary>Operations are left, but none is due: they wait out a retry backoff or another flusher holds them.</summary>
    NothingDue,

    /// <summary>
    /// Operations are due, but the last flush sent none of them: they failed again at once (a zero backoff), or
    /// another flusher is sending their tuples. Flushing again straight away would do the same.
    /// </summary>
    NoProgress,
}

/// <summary>What a drain (flushes repeated until nothing due is pending) did, and what it left.</summary>
/// <param name="Flushed">The outcomes of all its flushes added up.</param>
/// <param name="Flushes">How many flushes it ran.</param>
/// <param name="Left">What is still pending once it stopped.</param>
/// <param name="Stop">Why it stopped.</param>
public sealed record DrainResult(FlushResult Flushed, int Flushes, OutboxBacklog Left, DrainStop Stop);
