using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Hosting;

/// <summary>The outbox and the coordinator that flushes it, as the client needs them together.</summary>
/// <param name="Outbox">The durable outbox.</param>
/// <param name="Flushes">Starts and awaits flushes.</param>
public sealed record WriteBehindPipeline(OutboxStore Outbox, FlushCoordinator Flushes)
{
    /// <summary>What write-behind does on relations the model marks critical. Default <see cref="CriticalRelationPolicy.WriteThrough"/>.</summary>
    public CriticalRelationPolicy CriticalRelations { get; init; } = CriticalRelationPolicy.WriteThrough;
}
