using System.CommandLine;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;

namespace TypedFga.Cli.Outbox;

/// <summary>
/// <c>typedfga clear</c>: drops every pending operation without sending it. It cannot be undone, so it asks first; a
/// script says <c>--yes</c>, and without it a clear that cannot ask (no terminal) is refused rather than assumed.
/// </summary>
internal static class ClearCommand
{
    public static Command Create(SettingsOptions settings, CliConsole console)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation." };
        var command = new Command("clear", "Drops every pending operation without sending it (asks first unless --yes).") { settings.Outbox, settings.Store, settings.Connection, yes };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, () =>
            OutboxFile.WithStoreAsync(settings.Read(result).WriteBehind(), async store =>
            {
                var pending = (await store.GetPendingCountAsync(cancellationToken)).Total;
                if (pending > 0 && !result.GetValue(yes))
                {
                    if (!console.InputIsTerminal)
                    {
                        throw new CommandFailedException(
                            $"clear would delete {pending} pending operations and cannot ask for confirmation (standard input is not a terminal); pass --yes.",
                            ExitCodes.Usage);
                    }

                    await console.Out.WriteAsync($"Delete {pending} pending operations? [y/N] ");
                    var answer = (await console.In.ReadLineAsync(cancellationToken))?.Trim();
                    if (!string.Equals(answer, "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer, "yes", StringComparison.OrdinalIgnoreCase))
                    {
                        await console.Out.WriteLineAsync("nothing cleared");
                        return ExitCodes.Failed;
                    }
                }

                await console.Out.WriteLineAsync($"cleared: {await store.ClearAsync(cancellationToken)}");
                return ExitCodes.Success;
            })));
        return command;
    }
}
