using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace TypedFga.Outbox.PostgreSql;

/// <summary>
/// Listens on one dedicated connection for the operations other nodes append to the shared outbox, and raises
/// <see cref="Appended"/> for each, and <see cref="PendingChanged"/> when a node drops pending operations otherwise. A lost connection is opened again after a pause; what was announced meanwhile is
/// missed, which the check cache's time-to-live bounds.
/// </summary>
internal sealed partial class PostgreSqlOutboxListener : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectPause = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public PostgreSqlOutboxListener(NpgsqlDataSource dataSource, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Raised on the listener's own task for every operation appended by any node, this one included.</summary>
    public event Action<PostgreSqlOutboxNotification>? Appended;

    /// <summary>Raised on the listener's own task when any node announces <see cref="PostgreSqlOutboxNotification.PendingChanged"/>.</summary>
    public event Action? PendingChanged;

    /// <summary>Starts listening; completes once the first <c>LISTEN</c> is in place.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        _loop ??= Task.Run(() => ListenAsync(_stopping.Token), CancellationToken.None);
        return _listening.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stopping).ConfigureAwait(false);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgreSqlOutboxNotification.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stopping).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                while (true)
                {
                    await connection.WaitAsync(stopping).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                ListenerLost(_logger, exception.Message, ReconnectPause);
                try
                {
                    await Task.Delay(ReconnectPause, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Payload == PostgreSqlOutboxNotification.PendingChanged)
        {
            PendingChanged?.Invoke();
        }
        else if (PostgreSqlOutboxNotification.Parse(e.Payload) is { } notification)
        {
            Appended?.Invoke(notification);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning,
        Message = "The shared outbox's notifications were interrupted ({Error}); listening again in {Pause}. Cached answers changed meanwhile by other nodes expire with the cache's time-to-live.")]
    private static partial void ListenerLost(ILogger logger, string error, TimeSpan pause);
}
