using System.Globalization;
using TypedFga.Cli.Reporting;
using TypedFga.Outbox;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// Reports how far a flush has come on a large backlog, on standard error: every interval it reads how many operations
/// are still pending. On a terminal it redraws one line; otherwise it writes a line per report. A flush that ends
/// within the first interval reports nothing.
/// </summary>
internal sealed class FlushProgress : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CliConsole _console;
    private readonly Task _reporting;
    private bool _reported;

    private FlushProgress(OutboxStore store, long pendingAtStart, CliConsole console, TimeSpan interval)
    {
        _console = console;
        _reporting = ReportAsync(store, pendingAtStart, interval, _stop.Token);
    }

    public static FlushProgress Start(OutboxStore store, long pendingAtStart, CliConsole console, TimeSpan interval) =>
        new(store, pendingAtStart, console, interval);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reporting;
        _stop.Dispose();
        if (_reported && _console.ErrorIsTerminal)
        {
            await _console.Error.WriteLineAsync();
        }
    }

    private async Task ReportAsync(OutboxStore store, long pendingAtStart, TimeSpan interval, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var pending = (await store.GetPendingCountAsync(stop)).Total;
                // Operations an application queued meanwhile can make the count grow; nothing was undone.
                var done = Math.Max(0, pendingAtStart - pending);
                var line = string.Create(CultureInfo.InvariantCulture, $"flushed {done} of {pendingAtStart} operations, {pending} pending");
                if (_console.ErrorIsTerminal)
                {
                    await _console.Error.WriteAsync("\r" + line.PadRight(60));
                }
                else
                {
                    await _console.Error.WriteLineAsync(line);
                }

                _reported = true;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The flush ended.
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Progress is a courtesy; the flush's own outcome decides the command's.
        }
    }
}
