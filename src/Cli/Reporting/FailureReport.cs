using System.Net.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using TypedFga.Backends;
using TypedFga.OpenFga;

namespace TypedFga.Cli.Reporting;

/// <summary>
/// Runs a command's work and turns whatever it throws into one line on standard error and an exit code: an
/// operator needs what went wrong and what to do, never a stack trace.
/// </summary>
internal static class FailureReport
{
    public static async Task<int> RunAsync(CliConsole console, CancellationToken cancellationToken, Func<Task<int>> work)
    {
        try
        {
            return await work();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("typedfga: stopped; what was not sent stays in the outbox.");
            return ExitCodes.Cancelled;
        }
        catch (Exception exception)
        {
            var (message, exitCode) = Describe(exception);
            await console.Error.WriteLineAsync("typedfga: " + OneLine(message));
            return exitCode;
        }
    }

    internal static (string Message, int ExitCode) Describe(Exception exception) => exception switch
    {
        CommandFailedException failed => (failed.Message, failed.ExitCode),
        OptionsValidationException invalid => ("invalid configuration: " + string.Join(" ", invalid.Failures), ExitCodes.Usage),
        FgaApiAuthenticationException refused => (
            $"the OpenFGA server refused the credentials ({(int)refused.StatusCode} {refused.Code}: {refused.ServerMessage}); pass --api-token or set Fga:Credentials.",
            ExitCodes.Failed),
        FgaApiException api => ($"the OpenFGA server answered {(int)api.StatusCode} {api.Code}: {api.ServerMessage}", ExitCodes.Failed),
        HttpRequestException unreachable => ($"cannot reach the OpenFGA server: {unreachable.Message}", ExitCodes.Failed),
        TimeoutException slow => (slow.Message, ExitCodes.Failed),
        SqliteException sqlite => ($"the outbox could not be used: {sqlite.Message}", ExitCodes.Failed),
        UnauthorizedAccessException or IOException => (exception.Message, ExitCodes.Failed),
        // The outbox's own refusals (a newer schema version, a file that cannot switch to WAL) are worded for people.
        InvalidOperationException => (exception.Message, ExitCodes.Failed),
        _ => ($"{exception.GetType().Name}: {exception.Message}", ExitCodes.Failed),
    };

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
