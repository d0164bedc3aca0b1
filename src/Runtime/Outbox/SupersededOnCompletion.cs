namespace TypedFga.Outbox;

/// <summary>Operations a completion dropped because a newer operation on their tuple waited behind them.</summary>
/// <param name="Rescheduled">Dropped instead of being rescheduled (they had failed).</param>
/// <param name="Released">Dropped instead of being released (they had not been attempted).</param>
internal readonly record struct SupersededOnCompletion(int Rescheduled, int Released);
