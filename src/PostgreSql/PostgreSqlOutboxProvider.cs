using Microsoft.Extensions.Logging;
using Npgsql;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>Opens the shared outbox for <c>AddFga</c> and the command line tool, which find this type by name.</summary>
internal sealed class PostgreSqlOutboxProvider : ISharedOutboxProvider
{
    public string? ProblemWith(string connectionString)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }
    }

    public OutboxStore Open(string connectionString, bool listen, TimeProvider timeProvider, ILoggerFactory? loggers) =>
        new PostgreSqlOutboxStore(
            NpgsqlDataSource.Create(connectionString),
            ownsDataSource: true,
            listen,
            timeProvider,
            loggers?.CreateLogger<PostgreSqlOutboxStore>());
}
