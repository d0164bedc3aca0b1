using Microsoft.Extensions.Logging;

namespace TypedFga.Flushing;

internal static partial class FlushLog
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Debug,
        Message = "Flush finished: {Writes} written, {Deletes} deleted, {Failed} rescheduled, {DeadLettered} dead-lettered, {Superseded} superseded")]
    public static partial void Flushed(ILogger logger, int writes, int deletes, int failed, int deadLettered, int superseded);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning,
        Message = "A write of {Count} tuples to store {StoreId} failed ({Kind}): {Error}")]
    public static partial void WriteFailed(ILogger logger, int count, string storeId, WriteFailureKind kind, string error);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Debug,
        Message = "A write of {Count} tuples to store {StoreId} holds a grant that changes a stored tuple's condition; it is applied as a delete and a write")]
    public static partial void ConditionChangeFound(ILogger logger, int count, string storeId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Error,
        Message = "OpenFGA refused the tuple {Tuple} ({Code}: {Message}); it was moved to the dead letters")]
    public static partial void Rejected(ILogger logger, string tuple, string code, string message);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Debug,
        Message = "The tuple {Tuple} was stored with another condition; it was deleted and is written again with condition {Condition}")]
    public static partial void ConditionReplaced(ILogger logger, string tuple, string condition);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "The flush was cancelled; unsent operations were released")]
    public static partial void Cancelled(ILogger logger);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning,
        Message = "Took over {Count} operations leased by {Owner}, a flusher on this machine whose process has ended; they are due again")]
    public static partial void LeasesTakenOver(ILogger logger, int count, string owner);
}
