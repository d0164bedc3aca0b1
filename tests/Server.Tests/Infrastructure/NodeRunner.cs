using System.Diagnostics;
using TypedFga.Tests;

namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>Finds node and the JS test folder's installed packages, and runs a script there.</summary>
internal static class NodeRunner
{
    /// <summary>The folder with the JS scripts and their package.json.</summary>
    public static string ScriptDirectory { get; } = Path.Combine(SharedData.RepositoryRoot, "tests", "Server.Tests", "js");

    /// <summary>Why the JS tests cannot run here, or null when they can.</summary>
    public static string? WhyUnavailable()
    {
        if (FindNode() is null)
        {
            return "node is not on the PATH";
        }

        return Directory.Exists(Path.Combine(ScriptDirectory, "node_modules", "@openfga", "sdk"))
            ? null
            : $"@openfga/sdk is not installed; run 'npm ci' in {ScriptDirectory}";
    }

    /// <summary>Runs a script with the given environment; returns exit code, stdout and stderr.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(FindNode()!, script)
        {
            WorkingDirectory = ScriptDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within {timeout}; stderr: {await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    private static string? FindNode()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "node.exe" } : ["node"];
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(dir => names.Select(name => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
