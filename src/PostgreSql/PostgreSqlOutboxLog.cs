using Microsoft.Extensions.Logging;

namespace TypedFga.Outbox.PostgreSql;

internal static partial class PostgreSqlOutboxLog
{
    [LoggerMessage(EventId = 1300, Level = LogLevel.Information,
        Message = "Opened the shared write-behind outbox in {Location} (schema {SchemaVersion}, {Pending} pending on all nodes)")]
    public static partial void Opened(ILogger logger, string location, int schemaVersion, long pending);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning,
        Message = "Could not tell the other nodes that {Tuple} was written through ({Error}); their cached answers on it expire with the cache's time-to-live.")]
    public static partial void AnnouncementFailed(ILogger logger, string tuple, string error);
}
