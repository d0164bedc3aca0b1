using System.Diagnostics;
using System.Reflection;

namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>What a finished process printed and returned.</summary>
public sealed record ProcessOutcome(int ExitCode, string Output, string Error);

/// <summary>
/// Runs <c>dotnet</c> and the programs it installs as child processes, the way a user's shell would: the test run's own
/// MSBuild settings do not leak into them, and an installed tool's apphost finds the runtime the tests run on.
/// </summary>
public static class DotnetProcess
{
    /// <summary>The <c>dotnet</c> the tests run under.</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The configuration the test run built in, so packing can reuse that build.</summary>
    public static string BuildConfiguration =>
        typeof(DotnetProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The folder that holds <c>TypedFga.slnx</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "TypedFga.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No TypedFga.slnx above {AppContext.BaseDirectory}.");
    }

    /// <summary>Runs <paramref name="program"/> to its end, with standard input closed; kills it after <paramref name="timeout"/>.</summary>
    public static async Task<ProcessOutcome> RunAsync(
        string program, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(program, args, workingDirectory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {timeout}.");
        }

        return new ProcessOutcome(process.ExitCode, await output, await error);
    }

    /// <summary>Starts <paramref name="program"/> with its output redirected and standard input closed.</summary>
    public static Process Start(string program, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The apphost of an installed tool finds the runtime through DOTNET_ROOT when dotnet is not in a default place.
        if (Path.GetDirectoryName(Path.GetFullPath(Dotnet)) is { } dotnetRoot && File.Exists(Dotnet))
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test run's own MSBuild settings must not leak into a build the child runs.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start)!;
        process.StandardInput.Close();
        return process;
    }
}
