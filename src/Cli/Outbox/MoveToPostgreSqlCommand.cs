using System.CommandLine;
using Npgsql;
using TypedFga.Cli.Configuration;
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
        var connection = new Option<string>("--connection")
        {
            Description = "The PostgreSQL connection string of the shared outbox (Host=...;Database=...;Username=...).",
            Required = true,
        };
        var command = new Command(
            "move-to-postgresql",
            "Moves the pending operations of a SQLite outbox into a shared PostgreSQL outbox, oldest first (stop the application first).")
        {
            settings.Outbox,
            connection,
        };
        // Not listed in the help until the hosting can flush a shared PostgreSQL outbox: moving operations where no
        // application sends them yet would only hold them back.
        command.Hidden = true;
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, () =>
            OutboxFile.WithStoreAsync(settings.Read(result).WriteBehind(), async store =>
            {
                var backlog = await store.GetBacklogAsync(cancellationToken);
                if (backlog.InFlight > 0)
                {
                    throw new CommandFailedException(
                        $"{backlog.InFlight} operations of the outbox are being sent by a running process; stop the application (or let the flush end) and run this again.");
                }

                await using var dataSource = OpenDataSource(result.GetValue(connection)!);
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

                    var removed = await store.RemoveAsync(moved, cancellationToken);
                    var target = new NpgsqlConnectionStringBuilder(result.GetValue(connection));
                    await console.Out.WriteLineAsync($"moved: {removed} operations to PostgreSQL ({target.Database} on {target.Host})");
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
            })));
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
