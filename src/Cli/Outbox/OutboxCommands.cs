using System.CommandLine;
using System.Globalization;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Outbox;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// The commands that read or tidy an outbox without a server: what it holds, its pending operations and dead letters,
/// and handing back space.
/// </summary>
internal static class OutboxCommands
{
    public static IEnumerable<Command> Create(SettingsOptions settings, CliConsole console)
    {
        var limit = new Option<int>("--limit") { Description = "The most operations to list.", DefaultValueFactory = _ => 50 };

        var status = new Command("status", "Pending writes, deletes and dead letters.") { settings.Outbox, settings.Store, settings.Connection };
        status.SetAction((result, cancellationToken) => WithStoreAsync(settings, result, console, cancellationToken, async store =>
        {
            var pending = await store.GetPendingCountAsync(cancellationToken);
            var backlog = await store.GetBacklogAsync(cancellationToken);
            var deadLetters = await store.GetDeadLetterCountAsync(cancellationToken);
            var oldest = (await store.GetPendingOperationsAsync(1, cancellationToken)).FirstOrDefault();
            await console.Out.WriteLineAsync($"pending: {pending.Total} ({pending.Writes} writes, {pending.Deletes} deletes)");
            await console.Out.WriteLineAsync($"due: {backlog.Due}, waiting for a retry: {backlog.WaitingForRetry}, in flight: {backlog.InFlight}");
            await console.Out.WriteLineAsync($"dead letters: {deadLetters}");
            if (oldest is not null)
            {
                await console.Out.WriteLineAsync($"oldest pending: {oldest.EnqueuedAt.ToString("O", CultureInfo.InvariantCulture)}");
            }
        }));

        var pendingCommand = new Command("pending", "Lists pending operations, oldest first.") { settings.Outbox, settings.Store, settings.Connection, limit };
        pendingCommand.SetAction((result, cancellationToken) => WithStoreAsync(settings, result, console, cancellationToken, async store =>
        {
            foreach (var operation in await store.GetPendingOperationsAsync(Math.Max(1, result.GetValue(limit)), cancellationToken))
            {
                await console.Out.WriteLineAsync(
                    $"{operation.Sequence} {operation.Kind.ToString().ToLowerInvariant()} {operation.Tuple} store={operation.Connection.StoreId} " +
                    $"attempts={operation.Attempts}{(operation.InFlight ? " in-flight" : "")}{(operation.LastError is null ? "" : $" last-error=\"{operation.LastError}\"")}");
            }
        }));

        var compact = new Command("compact", "Hands the space of sent operations back to the file system.") { settings.Outbox };
        compact.SetAction((result, cancellationToken) => WithStoreAsync(settings, result, console, cancellationToken, async store =>
            await console.Out.WriteLineAsync($"reclaimed: {await store.CompactAsync(cancellationToken)} bytes")));

        var retry = new Option<bool>("--retry") { Description = "Queue every dead letter again." };
        var purge = new Option<bool>("--purge") { Description = "Delete every dead letter for good." };
        var deadLetters = new Command("dead-letters", "Lists dead letters, or retries or purges them.") { settings.Outbox, settings.Store, settings.Connection, limit, retry, purge };
        deadLetters.SetAction((result, cancellationToken) => WithStoreAsync(settings, result, console, cancellationToken, async store =>
        {
            if (result.GetValue(retry))
            {
                await console.Out.WriteLineAsync($"retried: {await store.RetryDeadLettersAsync(null, cancellationToken)}");
            }
            else if (result.GetValue(purge))
            {
                await console.Out.WriteLineAsync($"purged: {await store.PurgeDeadLettersAsync(null, cancellationToken)}");
            }
            else
            {
                foreach (var letter in await store.GetDeadLettersAsync(Math.Max(1, result.GetValue(limit)), cancellationToken))
                {
                    await console.Out.WriteLineAsync(
                        $"{letter.Sequence} {letter.Kind.ToString().ToLowerInvariant()} {letter.Tuple} reason={letter.Reason} {letter.ErrorCode}: {letter.ErrorMessage}");
                }
            }
        }));

        return [status, pendingCommand, ClearCommand.Create(settings, console), compact, deadLetters, MoveToPostgreSqlCommand.Create(settings, console)];
    }

    private static Task<int> WithStoreAsync(
        SettingsOptions settings, ParseResult result, CliConsole console, CancellationToken cancellationToken, Func<OutboxStore, Task> action) =>
        FailureReport.RunAsync(console, cancellationToken, () => OutboxFile.WithStoreAsync(settings.Read(result).WriteBehind(), async store =>
        {
            await action(store);
            return ExitCodes.Success;
        }));
}
