using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Hosting;
using TypedFga.OpenFga;
using TypedFga.Outbox;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// <c>typedfga flush</c>: sends the due operations once, or with <c>--until-empty</c> again and again until nothing due is
/// left (<see cref="WriteBehindCache.DrainAsync"/>, the same drain an application can call). Exits 1 when operations
/// failed and stay pending, with the server's last error.
/// </summary>
internal static class FlushCommand
{
    public static Command Create(SettingsOptions settings, CliConsole console, TimeProvider timeProvider, TimeSpan progressInterval)
    {
        var untilEmpty = new Option<bool>("--until-empty") { Description = "Flush again until nothing due is pending (what waits out a retry backoff is left)." };
        var command = new Command("flush", "Sends the due operations to an OpenFGA server, each to the store it was queued for.")
        {
            settings.Outbox, settings.Store, settings.Connection, settings.ApiUrl, settings.ApiToken, untilEmpty,
        };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, async () =>
        {
            var configuration = settings.Read(result);
            var writeBehind = configuration.WriteBehind();
            var server = configuration.Server();
            return await OutboxFile.WithStoreAsync(writeBehind, async store =>
            {
                if ((await store.GetPendingOperationsAsync(1, cancellationToken)).FirstOrDefault() is not { } oldest)
                {
                    await console.Out.WriteLineAsync("nothing pending");
                    return ExitCodes.Success;
                }

                using var client = OpenFgaHttpClient.Create(server, timeProvider);
                await ServerConnection.CheckAsync(client, oldest.Connection.StoreId, cancellationToken);
                var flusher = new OutboxFlusher(store, new OpenFgaBackend(client), Options.Create(writeBehind), timeProvider);
                using var coordinator = new FlushCoordinator(flusher, store, Options.Create(writeBehind));
                var cache = new WriteBehindCache(new WriteBehindPipeline(store, coordinator));
                var pendingAtStart = (await store.GetPendingCountAsync(cancellationToken)).Total;

                DrainResult drained;
                await using (FlushProgress.Start(store, pendingAtStart, console, progressInterval))
                {
                    drained = result.GetValue(untilEmpty)
                        ? await cache.DrainAsync(cancellationToken)
                        : await FlushOnceAsync(cache, store, cancellationToken);
                }

                return await ReportAsync(drained, result.GetValue(untilEmpty), console);
            });
        }));
        return command;
    }

    private static async Task<DrainResult> FlushOnceAsync(WriteBehindCache cache, OutboxStore store, CancellationToken cancellationToken)
    {
        var flushed = await cache.FlushAsync(cancellationToken);
        var left = await store.GetBacklogAsync(cancellationToken);
        return new DrainResult(flushed, 1, left, left.Total == 0 ? DrainStop.Empty : DrainStop.NothingDue);
    }

    private static async Task<int> ReportAsync(DrainResult drained, bool untilEmpty, CliConsole console)
    {
        var (flushed, left) = (drained.Flushed, drained.Left);
        await console.Out.WriteLineAsync(
            $"written: {flushed.Writes}, deleted: {flushed.Deletes}, failed: {flushed.Failed}, dead-lettered: {flushed.DeadLettered}");
        if (flushed.TakenOver > 0)
        {
            // Operations a flusher that had died on this machine was holding; already counted above.
            await console.Out.WriteLineAsync($"taken over from ended flushers: {flushed.TakenOver}");
        }

        if (untilEmpty)
        {
            await console.Out.WriteLineAsync($"flushes: {drained.Flushes}");
        }

        if (left.Total > 0)
        {
            var retry = left.NextRetryAt is { } at ? $", next retry at {at.ToString("O", CultureInfo.InvariantCulture)}" : "";
            await console.Out.WriteLineAsync(
                $"left: {left.Total} ({left.Due} due, {left.WaitingForRetry} waiting for a retry, {left.InFlight} in flight{retry})");
        }

        if (flushed.Failed > 0 || drained.Stop == DrainStop.NoProgress)
        {
            var failing = drained.Stop == DrainStop.NoProgress ? left.Due : flushed.Failed;
            await console.Error.WriteLineAsync(
                $"typedfga: {failing} operations could not be sent and stay pending; last error: {left.LastError ?? "none recorded"}");
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }
}
