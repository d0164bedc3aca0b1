using System.Diagnostics;
using System.Reflection;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>
/// The package as users get it: <c>dotnet pack src/Cli</c>, <c>dotnet tool install</c> from that folder alone (the tool
/// carries its dependencies, so nothing else is fetched), and the installed <c>typedfga</c> run as a process. Slow (a
/// pack and an install), so everything that needs the installed tool shares one test.
/// </summary>
public sealed class InstalledToolTests(FgaServerFixture server, ITestOutputHelper log) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_packed_tool_installs_and_its_commands_work_as_a_process()
    {
        var watch = Stopwatch.StartNew();
        var tool = await PackAndInstallAsync();
        log.WriteLine($"pack and install: {watch.Elapsed.TotalSeconds:F1} s");

        var help = await RunAsync(tool, ["--help"]);
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("typedfga [command] [options]", help.Output, StringComparison.Ordinal);
        Assert.Contains("model", help.Output, StringComparison.Ordinal);

        var store = await server.CreateStoreAsync();
        var outbox = _folder.File("app/outbox.db");
        await CliRun.EnqueueAsync(outbox, store,
            (OutboxOperationKind.Grant, new TupleKey("user:anne", "viewer", "document:1")),
            (OutboxOperationKind.Revoke, new TupleKey("user:bob", "viewer", "document:1")));

        var status = await RunAsync(tool, ["status", "--outbox", outbox]);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("pending: 2 (1 writes, 1 deletes)", status.Output, StringComparison.Ordinal);

        // Configured as the application is, through Fga__ environment variables.
        var flush = await RunAsync(tool, ["flush", "--until-empty"], new()
        {
            ["Fga__WriteBehind__Outbox"] = outbox,
            ["Fga__ApiUrl"] = server.BaseAddress.ToString(),
        });
        Assert.Equal(0, flush.ExitCode);
        Assert.Contains("written: 1, deleted: 1, failed: 0, dead-lettered: 0", flush.Output, StringComparison.Ordinal);
        Assert.Equal(["document:1#viewer@user:anne"], await server.ReadTuplesAsync(store));

        var missing = await RunAsync(tool, ["status", "--outbox", _folder.File("nowhere.db")]);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("typedfga: No outbox at", Assert.Single(CliRun.Lines(missing.Error)), StringComparison.Ordinal);

        var unreadable = _folder.File("notes.txt");
        await File.WriteAllTextAsync(unreadable, "not an outbox\n");
        var corrupt = await RunAsync(tool, ["status", "--outbox", unreadable]);
        Assert.Equal(1, corrupt.ExitCode);
        Assert.Contains("is not a readable outbox", Assert.Single(CliRun.Lines(corrupt.Error)), StringComparison.Ordinal);
        log.WriteLine($"whole test: {watch.Elapsed.TotalSeconds:F1} s");
    }

    public void Dispose() => _folder.Dispose();

    private async Task<string> PackAndInstallAsync()
    {
        var root = RepositoryRoot();
        var feed = _folder.File("feed");
        // The test run has built the tool already, in the test's own configuration: packing reuses that build.
        var configuration = typeof(InstalledToolTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var pack = await RunAsync(Dotnet, ["pack", Path.Combine(root, "src", "Cli", "TypedFga.Cli.csproj"), "-c", configuration, "--no-build", "-o", feed]);
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var package = Assert.Single(Directory.GetFiles(feed, "TypedFga.Cli.*.nupkg"));
        var version = Path.GetFileNameWithoutExtension(package)["TypedFga.Cli.".Length..];

        // Only the folder as a source, and a package cache of its own: no other feed is asked, and no tool of the same
        // version cached by an earlier run is installed instead of this one.
        var config = _folder.File("nuget.config");
        await File.WriteAllTextAsync(config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
        var tools = _folder.File("tools");
        var install = await RunAsync(
            Dotnet,
            ["tool", "install", "TypedFga.Cli", "--tool-path", tools, "--configfile", config, "--add-source", feed, "--version", version],
            new() { ["NUGET_PACKAGES"] = _folder.File("packages") });
        Assert.True(install.ExitCode == 0, install.Output + install.Error);
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "typedfga.exe" : "typedfga");
    }

    private static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static string RepositoryRoot()
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

    private async Task<CliResult> RunAsync(string program, string[] args, Dictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The apphost finds the runtime through DOTNET_ROOT when dotnet is not in a default place.
        if (Path.GetDirectoryName(Path.GetFullPath(Dotnet)) is { } dotnetRoot && File.Exists(Dotnet))
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? [])
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within {ProcessTimeout}.");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
