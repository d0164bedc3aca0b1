using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// <c>typedfga work</c>: flushes an outbox again and again until stopped, as a worker process beside the
/// application that fills it. Several workers and applications may share the file; leases keep them apart.
/// It does not check the server first: a worker may well start before the server, and failed flushes simply retry.
/// </summary>
internal static class WorkCommand
{
    public static Command Create(SettingsOptions settings, CliConsole console, TimeProvider timeProvider)
    {
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between flushes.",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("work", "Flushes the outbox every --interval seconds until stopped (Ctrl+C, SIGTERM).")
        {
            settings.Outbox, settings.Store, settings.Connection, settings.ApiUrl, settings.ApiToken, interval,
        };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, async () =>
        {
            var seconds = result.GetValue(interval);
            if (!(seconds > 0) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                throw new CommandFailedException(
                    $"--interval must be a positive number of seconds (was {seconds.ToString(CultureInfo.InvariantCulture)}).", ExitCodes.Usage);
            }

            var configuration = settings.Read(result);
            var writeBehind = configuration.WriteBehind();
            var server = configuration.Server();
            return await OutboxFile.WithStoreAsync(writeBehind, async store =>
            {
                using var client = OpenFgaHttpClient.Create(server, timeProvider);
                var flusher = new OutboxFlusher(store, new OpenFgaBackend(client), Options.Create(writeBehind), timeProvider);
                await console.Out.WriteLineAsync($"working on {store.Location}, flushing every {seconds.ToString(CultureInfo.InvariantCulture)} s; stop with Ctrl+C");
                await RunAsync(flusher, TimeSpan.FromSeconds(seconds), console.Out, timeProvider, cancellationToken);
                await console.Out.WriteLineAsync("stopped; what was not sent stays in the outbox");
                return ExitCodes.Success;
            });
        }));
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
