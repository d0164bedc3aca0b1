using System.CommandLine;
using TypedFga.Cli.Configuration;
using TypedFga.Cli.Reporting;
using TypedFga.Language;
using TypedFga.Language.Model;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Model;

/// <summary>
/// <c>typedfga model compile | validate | push</c>: the DSL (a <c>.fga</c> file or an <c>fga.mod</c>) turned into
/// OpenFGA's JSON, checked, or written to a store as a new authorization model.
/// </summary>
internal static class ModelCommands
{
    public static Command Create(SettingsOptions settings, CliConsole console)
    {
        var model = new Command("model", "Compile, validate or push an OpenFGA model (.fga, or a modular fga.mod).")
        {
            Compile(console), Validate(console), Push(settings, console),
        };
        return model;
    }

    private static Argument<FileInfo> ModelArgument() => new("model") { Description = "The .fga file, or the fga.mod of a modular model." };

    private static Command Compile(CliConsole console)
    {
        var file = ModelArgument();
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Where to write the JSON; standard output when not given." };
        var command = new Command("compile", "Writes the model as OpenFGA JSON (the WriteAuthorizationModel body).") { file, output };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, async () =>
        {
            var json = await CompileOrReportAsync(result.GetValue(file)!, console, cancellationToken);
            if (json is null)
            {
                return ExitCodes.Failed;
            }

            if (result.GetValue(output) is { } target)
            {
                await File.WriteAllTextAsync(target.FullName, json + Environment.NewLine, cancellationToken);
            }
            else
            {
                await console.Out.WriteLineAsync(json);
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Validate(CliConsole console)
    {
        var file = ModelArgument();
        var command = new Command("validate", "Checks the model; prints each problem as path(line,col): error FGA1xxx: message.") { file };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, async () =>
        {
            var source = await ModelSource.CompileAsync(result.GetValue(file)!, cancellationToken);
            foreach (var diagnostic in source.Compiled.Diagnostics)
            {
                await console.Out.WriteLineAsync(DiagnosticFormatter.Format(diagnostic, source.PathOf(diagnostic)));
            }

            if (!source.Compiled.Success)
            {
                return ExitCodes.Failed;
            }

            await console.Out.WriteLineAsync($"{source.Path}: valid");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Push(SettingsOptions settings, CliConsole console)
    {
        var file = ModelArgument();
        var command = new Command("push", "Writes the model to a store as a new authorization model and prints its id.")
        {
            file, settings.ApiUrl, settings.ApiToken, settings.StoreId,
        };
        command.SetAction((result, cancellationToken) => FailureReport.RunAsync(console, cancellationToken, async () =>
        {
            var configuration = settings.Read(result);
            var server = configuration.Server();
            var storeId = configuration.StoreId;
            var json = await CompileOrReportAsync(result.GetValue(file)!, console, cancellationToken);
            if (json is null)
            {
                return ExitCodes.Failed;
            }

            using var client = OpenFgaHttpClient.Create(server);
            var written = await client.WriteAuthorizationModelAsync(json, storeId, cancellationToken);
            await console.Out.WriteLineAsync(written.AuthorizationModelId);
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The model's JSON; null, with every problem on standard error, when it does not compile.</summary>
    private static async Task<string?> CompileOrReportAsync(FileInfo file, CliConsole console, CancellationToken cancellationToken)
    {
        var source = await ModelSource.CompileAsync(file, cancellationToken);
        foreach (var diagnostic in source.Compiled.Diagnostics)
        {
            await console.Error.WriteLineAsync(DiagnosticFormatter.Format(diagnostic, source.PathOf(diagnostic)));
        }

        return source.Compiled is { Success: true, Model: { } compiled } ? ModelJsonWriter.Write(compiled) : null;
    }
}
