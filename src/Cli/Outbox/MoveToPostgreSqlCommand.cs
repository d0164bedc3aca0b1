using System.CommandLine;
using Npgsql;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Flushing;
using TypedFga.Outbox;
using TypedFga.Outbox.PostgreSql;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// <c>typedfga move-to-postgresql</c>: moves the pending operations of a SQLite outbox into the shared PostgreSQL
/// outbox, oldest first, so an application moving to several nodes loses none. Each operation is committed there before
/// it leaves the file; a run that is interrupted can simply be run again (an operation moved twice replaces its own copy,
/// pending on the same tuple).
/// </summary>
internal static class MoveToPostgreSqlCommand
{
    public static Command Create(SettingsOptions settings, CliConsole console)
    {
        var command = new Command(
            "move-to-postgresql",
            "Moves the pending operations of a SQLite outbox (--outbox) into a shared PostgreSQL outbox (--connection), oldest first (stop the application first).")
        {
            settings.Outbox,
            settings.Connection,
        };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, () =>
        {
            var configuration = settings.Read(result);
            // The target: --connection, or the application's setting once its configuration names the shared outbox.
            var connectionString = result.GetValue(settings.Connection) is { Length: > 0 } given
                ? given
                : configuration.WriteBehind(OutboxStoreKind.PostgreSql).ConnectionString!;
            return OutboxFile.WithStoreAsync(configuration.WriteBehind(OutboxStoreKind.Sqlite), async store =>
            {
                var backlog = await store.GetBacklogAsync(cancellationToken);
                if (backlog.InFlight > 0)
                {
                    throw new CommandFailedException(
                        $"{backlog.InFlight} operations of the outbox are being sent by a running process; stop the application (or let the flush end) and run this again.");
                }

                await using var dataSource = OpenDataSource(connectionString);
                await using var shared = new PostgreSqlOutboxStore(dataSource);
                try
                {
                    await shared.InitializeAsync(cancellationToken);
                    var operations = await store.GetPendingOperationsAsync(int.MaxValue, cancellationToken);
                    var moved = new List<long>(operations.Count);
                    foreach (var operation in operations)
                    {
                        await shared.EnqueueAsync(operation.Connection, operation.Kind, operation.Tuple, cancellationToken);
                        moved.Add(operation.Sequence);
                    }

                    var removed = await ((SqliteOutboxStore)store).RemoveAsync(moved, cancellationToken);
                    await console.Out.WriteLineAsync($"moved: {removed} operations to the {shared.Location}");
                }
                catch (NpgsqlException exception)
                {
                    throw new CommandFailedException($"PostgreSQL refused or could not be reached: {exception.Message.TrimEnd('.')}; nothing more was moved.");
                }

                var deadLetters = await store.GetDeadLetterCountAsync(cancellationToken);
                if (deadLetters > 0)
                {
                    await console.Out.WriteLineAsync(
                        $"dead letters left in the file: {deadLetters} (retry them with 'typedfga dead-letters --retry' and move again, or purge them)");
                }

                return ExitCodes.Success;
            });
        }));
        return command;
    }

    private static NpgsqlDataSource OpenDataSource(string connectionString)
    {
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new CommandFailedException($"--connection is not a valid PostgreSQL connection string: {exception.Message}", ExitCodes.Usage);
        }
    }
}
