using Microsoft.Extensions.Logging;

namespace TypedFga.Outbox;

/// <summary>
/// What the <c>TypedFga.PostgreSql</c> assembly offers <c>AddFga</c> and the command line tool: the outbox that many
/// nodes share, used when <c>Fga:WriteBehind:Store</c> is <c>PostgreSql</c>.
/// </summary>
internal interface ISharedOutboxProvider
{
    /// <summary>
    /// Why <paramref name="connectionString"/> cannot be read, naming the bad keyword but never repeating the string
    /// (it may hold a password); null when it can.
    /// </summary>
    string? ProblemWith(string connectionString);

    /// <summary>Opens the shared outbox; <paramref name="listen"/> keeps this node's check cache in step with the others.</summary>
    OutboxStore Open(string connectionString, bool listen, TimeProvider timeProvider, ILoggerFactory? loggers);
}
