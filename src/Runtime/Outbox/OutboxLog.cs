using Microsoft.Extensions.Logging;

namespace TypedFga.Outbox;

internal static partial class OutboxLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information,
        Message = "Opened the write-behind outbox {Path} (schema {SchemaVersion}, durability {Durability}, {Pending} pending)")]
    public static partial void Opened(ILogger logger, string path, int schemaVersion, OutboxDurability durability, long pending);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "A handler of the outbox's Appended event threw")]
    public static partial void AppendedHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Information, Message = "Cleared {Count} pending operations from the outbox")]
    public static partial void Cleared(ILogger logger, int count);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Moved {Count} dead letters back to the outbox")]
    public static partial void DeadLettersRetried(ILogger logger, int count);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Purged {Count} dead letters")]
    public static partial void DeadLettersPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information, Message = "Compacted the outbox {Path}: {Bytes} bytes handed back")]
    public static partial void Compacted(ILogger logger, string path, long bytes);
}
