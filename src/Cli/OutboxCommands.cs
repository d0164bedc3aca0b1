using System.CommandLine;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Cli;

/// <summary>
/// The <c>typedfga</c> commands: what a write-behind outbox holds, and flushing, clearing and dead-letter handling
/// from outside the application (for operators, and for a worker that drains the outbox of a stopped app).
/// </summary>
internal static class OutboxCommands
{
    public static RootCommand Create(TextWriter output, TimeProvider? timeProvider = null)
    {
        var outbox = new Option<FileInfo>("--outbox") { Description = "The outbox file (Fga:WriteBehind:Outbox of the application).", Required = true };
        var limit = new Option<int>("--limit") { Description = "The most operations to list.", DefaultValueFactory = _ => 50 };
        var target = new FlushTarget();
        var retry = new Option<bool>("--retry") { Description = "Queue every dead letter again." };
        var purge = new Option<bool>("--purge") { Description = "Delete every dead letter for good." };

        var status = new Command("status", "Pending writes, deletes and dead letters.") { outbox };
        status.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(outbox)!, output, async store =>
        {
            var pending = await store.GetPendingCountAsync(cancellationToken);
            var deadLetters = await store.GetDeadLetterCountAsync(cancellationToken);
            var oldest = (await store.GetPendingOperationsAsync(1, cancellationToken)).FirstOrDefault();
            await output.WriteLineAsync($"pending: {pending.Total} ({pending.Writes} writes, {pending.Deletes} deletes)");
            await output.WriteLineAsync($"dead letters: {deadLetters}");
            if (oldest is not null)
            {
                await output.WriteLineAsync($"oldest pending: {oldest.EnqueuedAt.ToString("O", CultureInfo.InvariantCulture)}");
            }
        }));

        var pendingCommand = new Command("pending", "Lists pending operations, oldest first.") { outbox, limit };
        pendingCommand.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(outbox)!, output, async store =>
        {
            foreach (var operation in await store.GetPendingOperationsAsync(Math.Max(1, result.GetValue(limit)), cancellationToken))
            {
                await output.WriteLineAsync(
                    $"{operation.Sequence} {operation.Kind.ToString().ToLowerInvariant()} {operation.Tuple} store={operation.Connection.StoreId} " +
                    $"attempts={operation.Attempts}{(operation.InFlight ? " in-flight" : "")}{(operation.LastError is null ? "" : $" last-error=\"{operation.LastError}\"")}");
            }
        }));

        var flush = new Command("flush", "Sends the due operations to an OpenFGA server, each to the store it was queued for.") { outbox, target.ApiUrl, target.ApiToken };
        flush.SetAction(async (result, cancellationToken) =>
        {
            if (await target.CreateBackendAsync(result, output) is not { } backend)
            {
                return 2;
            }

            return await WithStoreAsync(result.GetValue(outbox)!, output, async store =>
            {
                var flushed = await new OutboxFlusher(store, backend, Options.Create(SettingsFor(result.GetValue(outbox)!))).FlushAsync(cancellationToken);
                await output.WriteLineAsync(
                    $"written: {flushed.Writes}, deleted: {flushed.Deletes}, failed: {flushed.Failed}, dead-lettered: {flushed.DeadLettered}");
                if (flushed.TakenOver > 0)
                {
                    // Operations a flusher that had died on this machine was holding; already counted above.
                    await output.WriteLineAsync($"taken over from ended flushers: {flushed.TakenOver}");
                }
            });
        });

        var clear = new Command("clear", "Drops every pending operation without sending it.") { outbox };
        clear.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(outbox)!, output, async store =>
            await output.WriteLineAsync($"cleared: {await store.ClearAsync(cancellationToken)}")));

        var compact = new Command("compact", "Hands the space of sent operations back to the file system.") { outbox };
        compact.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(outbox)!, output, async store =>
            await output.WriteLineAsync($"reclaimed: {await store.CompactAsync(cancellationToken)} bytes")));

        var deadLetters = new Command("dead-letters", "Lists dead letters, or retries or purges them.") { outbox, limit, retry, purge };
        deadLetters.SetAction((result, cancellationToken) => WithStoreAsync(result.GetValue(outbox)!, output, async store =>
        {
            if (result.GetValue(retry))
            {
                await output.WriteLineAsync($"retried: {await store.RetryDeadLettersAsync(null, cancellationToken)}");
            }
            else if (result.GetValue(purge))
            {
                await output.WriteLineAsync($"purged: {await store.PurgeDeadLettersAsync(null, cancellationToken)}");
            }
            else
            {
                foreach (var letter in await store.GetDeadLettersAsync(Math.Max(1, result.GetValue(limit)), cancellationToken))
                {
                    await output.WriteLineAsync(
                        $"{letter.Sequence} {letter.Kind.ToString().ToLowerInvariant()} {letter.Tuple} reason={letter.Reason} {letter.ErrorCode}: {letter.ErrorMessage}");
                }
            }
        }));

        var work = WorkCommand.Create(outbox, target, output, timeProvider ?? TimeProvider.System);

        return new RootCommand("Inspect and operate a TypedFga write-behind outbox.") { status, pendingCommand, flush, work, clear, compact, deadLetters };
    }

    // Opening a path that does not exist would create an empty outbox there; a typo should be an error instead.
    internal static async Task<int> WithStoreAsync(FileInfo file, TextWriter output, Func<OutboxStore, Task> action)
    {
        if (!file.Exists)
        {
            await output.WriteLineAsync($"No outbox at '{file.FullName}'. Pass the application's Fga:WriteBehind:Outbox path.");
            return 2;
        }

        using (var store = new OutboxStore(Options.Create(SettingsFor(file))))
        {
            await action(store);
        }

        SqliteConnection.ClearAllPools();
        return 0;
    }

    internal static WriteBehindOptions SettingsFor(FileInfo file) => new() { Outbox = file.FullName };
}
