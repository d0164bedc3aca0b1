using System.Diagnostics;
using TypedFga.Outbox;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Pipeline.Tests.Packaging;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Cli;

/// <summary>
/// The package as users get it: the packed <c>TypedFga.Cli</c>, <c>dotnet tool install</c> from the packed folder alone
/// (the tool carries its dependencies, so nothing else is fetched), and the installed <c>typedfga</c> run as a process.
/// Slow (an install), so everything that needs the installed tool shares one test.
/// </summary>
[Collection(PackedSolutionCollection.Name)]
public sealed class InstalledToolTests(PackedSolution packed, FgaServerFixture server, ITestOutputHelper log) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(5);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task The_packed_tool_installs_and_its_commands_work_as_a_process()
    {
        var watch = Stopwatch.StartNew();
        var tool = await packed.Feed.InstallToolAsync("TypedFga.Cli", "typedfga");
        log.WriteLine($"install: {watch.Elapsed.TotalSeconds:F1} s");

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

    private Task<ProcessOutcome> RunAsync(string program, string[] args, Dictionary<string, string>? environment = null) =>
        DotnetProcess.RunAsync(program, args, _folder.Path, ProcessTimeout, environment);
}
