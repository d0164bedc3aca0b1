using System.CommandLine;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Model;
using TypedFga.Cli.Outbox;
using TypedFga.Cli.Reporting;

namespace TypedFga.Cli;

/// <summary>The <c>typedfga</c> command tree: the outbox commands, the worker and the model commands.</summary>
internal static class TypedFgaCommand
{
    /// <summary>How often <c>flush</c> reports progress on a backlog that takes longer.</summary>
    public static readonly TimeSpan DefaultProgressInterval = TimeSpan.FromSeconds(1);

    /// <remarks>
    /// A named command rather than a <see cref="RootCommand"/>, which takes its name from the assembly
    /// (<c>TypedFga.Cli</c>): help shows the name people type.
    /// </remarks>
    public static Command Create(CliConsole console, TimeProvider? timeProvider = null, TimeSpan? progressInterval = null)
    {
        var settings = new SettingsOptions();
        var clock = timeProvider ?? TimeProvider.System;
        var root = new Command(
            "typedfga",
            "Operate a TypedFga write-behind outbox and its OpenFGA models. Settings come from --config (the application's " +
            "appsettings.json), Fga__ environment variables, and the options, which win.")
        {
            settings.Config,
            new System.CommandLine.Help.HelpOption(),
            new VersionOption(),
        };
        foreach (var command in OutboxCommands.Create(settings, console))
        {
            root.Subcommands.Add(command);
        }

        root.Subcommands.Add(FlushCommand.Create(settings, console, clock, progressInterval ?? DefaultProgressInterval));
        root.Subcommands.Add(WorkCommand.Create(settings, console, clock));
        root.Subcommands.Add(ModelCommands.Create(settings, console));
        return root;
    }

    /// <summary>
    /// Parses and runs <paramref name="args"/>. A command line that does not parse is a usage error: its problems go to
    /// standard error, one line each, rather than the whole help text.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, CliConsole console, CancellationToken cancellationToken = default, TimeProvider? timeProvider = null, TimeSpan? progressInterval = null)
    {
        var parsed = Create(console, timeProvider, progressInterval).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await console.Error.WriteLineAsync("typedfga: " + error.Message);
            }

            await console.Error.WriteLineAsync("Run 'typedfga --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }
}
