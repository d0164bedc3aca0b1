using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Cli;

/// <summary>
/// <c>typedfga work</c>: flushes an outbox again and again until stopped, as a worker process beside the
/// application that fills it. Several workers and applications may share the file; leases keep them apart.
/// </summary>
internal static class WorkCommand
{
    public static Command Create(Option<FileInfo> outbox, FlushTarget target, TextWriter output, TimeProvider timeProvider)
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between flushes.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("work", "Flushes the outbox every --interval seconds until stopped (Ctrl+C, SIGTERM).")
        {
            outbox, target.ApiUrl, target.ApiToken, interval,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var seconds = result.GetValue(interval);
            if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                await output.WriteLineAsync($"--interval must be a positive number of seconds (was {seconds.ToString(CultureInfo.InvariantCulture)}).");
                return 2;
            }

            if (await target.CreateBackendAsync(result, output) is not { } backend)
            {
                return 2;
            }

            var file = result.GetValue(outbox)!;
            return await OutboxCommands.WithStoreAsync(file, output, async store =>
            {
                var flusher = new OutboxFlusher(store, backend, Options.Create(OutboxCommands.SettingsFor(file)), timeProvider);
                await output.WriteLineAsync($"working on {file.FullName}, flushing every {seconds.ToString(CultureInfo.InvariantCulture)} s; stop with Ctrl+C");
                await RunAsync(flusher, TimeSpan.FromSeconds(seconds), output, timeProvider, cancellationToken);
                await output.WriteLineAsync("stopped; what was not sent stays in the outbox");
            });
        });
        return command;
    }

    private static async Task RunAsync(OutboxFlusher flusher, TimeSpan interval, TextWriter output, TimeProvider timeProvider, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, timeProvider);
        do
        {
            FlushResult flushed;
            try
            {
                // A stop cancels the flush under way: operations not yet sent are released, not lost.
                flushed = await flusher.FlushAsync(stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }

            if (flushed.Sent + flushed.Failed + flushed.DeadLettered > 0)
            {
                await output.WriteLineAsync(
                    $"{timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture)} written: {flushed.Writes}, deleted: {flushed.Deletes}, " +
                    $"failed: {flushed.Failed}, dead-lettered: {flushed.DeadLettered}");
            }
        }
        while (await WaitAsync(timer, stop));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stop)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stop);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
