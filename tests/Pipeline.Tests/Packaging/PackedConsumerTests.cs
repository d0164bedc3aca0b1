using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using TypedFga.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Packaging;

/// <summary>
/// The library as users get it: <c>dotnet pack</c> of the runtime and the engine, then applications outside the
/// repository that reference only the packed packages: one on the embedded engine, whose model the packed generator
/// turns into its client and which runs a typed grant and check; one for an OpenFGA server, which ships no engine.
/// Slow (packs, restores and builds), so it is one test.
/// </summary>
public sealed class PackedConsumerTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Applications_built_against_the_packed_packages_run_on_the_engine_or_ship_without_it()
    {
        var watch = Stopwatch.StartNew();
        // A version of its own, so that no package of an earlier run in the package cache stands in for this one.
        var version = "0.1.0-pack" + Guid.NewGuid().ToString("N")[..12];
        var feed = _folder.File("feed");
        var configuration = typeof(PackedConsumerTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        foreach (var project in new[] { Path.Combine("Runtime", "TypedFga.csproj"), Path.Combine("Embedded", "TypedFga.Embedded.csproj") })
        {
            var pack = await RunAsync("dotnet", ["pack", Path.Combine(RepositoryRoot(), "src", project), "-c", configuration, "--no-build", "-o", feed, $"-p:PackageVersion={version}"]);
            Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        }

        var package = Path.Combine(feed, $"TypedFga.{version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToList();
            Assert.Contains("lib/net10.0/TypedFga.dll", entries);
            Assert.Contains(entries, e => e.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal) && e.EndsWith("TypedFga.Generator.dll", StringComparison.Ordinal));
            Assert.Contains(entries, e => e.StartsWith("build/", StringComparison.Ordinal) && e.EndsWith("TypedFga.props", StringComparison.Ordinal));
            Assert.DoesNotContain(entries, e => e.EndsWith("TypedFga.Embedded.dll", StringComparison.Ordinal));
        }

        log.WriteLine($"pack: {watch.Elapsed.TotalSeconds:F1} s");
        var embedded = WriteConsumer("embedded", feed, version, ["TypedFga", "TypedFga.Embedded"], """
            await host.StartAsync();
            await Fga.Document(1).Viewers.Grant(Fga.User("anne"));
            Console.WriteLine($"anne can view document 1: {await Fga.Document(1).Viewers.Check(Fga.User("anne"))}");
            Console.WriteLine($"bob can view document 1: {await Fga.Document(1).Viewers.Check(Fga.User("bob"))}");
            await host.StopAsync();
            """);
        var run = await RunAsync("dotnet", ["run", "--project", embedded]);
        log.WriteLine($"embedded consumer restored, built and run: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("anne can view document 1: True", run.Output, StringComparison.Ordinal);
        Assert.Contains("bob can view document 1: False", run.Output, StringComparison.Ordinal);

        // For a server: TypedFga alone. Started without Fga:ApiUrl it says what is missing.
        var server = WriteConsumer("server", feed, version, ["TypedFga"], """
            try
            {
                await host.StartAsync();
                Console.WriteLine("started");
            }
            catch (InvalidOperationException exception)
            {
                Console.WriteLine(exception.Message);
            }
            """);
        var serverRun = await RunAsync("dotnet", ["run", "--project", server]);
        log.WriteLine($"server consumer restored, built and run: {watch.Elapsed.TotalSeconds:F1} s");
        Assert.True(serverRun.ExitCode == 0, serverRun.Output + serverRun.Error);
        Assert.Contains("No OpenFGA backend: set Fga:ApiUrl to an OpenFGA server, or reference the TypedFga.Embedded package", serverRun.Output, StringComparison.Ordinal);
        var output = Path.Combine(server, "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "TypedFga.dll")));
        Assert.False(File.Exists(Path.Combine(output, "TypedFga.Embedded.dll")), "the server consumer ships the engine");
        Assert.False(File.Exists(Path.Combine(output, "Cel.dll")), "the server consumer ships CEL");
    }

    public void Dispose() => _folder.Dispose();

    private string WriteConsumer(string name, string feed, string version, string[] packages, string body)
    {
        var app = _folder.File(name);
        Directory.CreateDirectory(app);
        // The packed feed first; everything the package depends on comes from the machine's usual sources.
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><add key="packed" value="{feed}" /></packageSources></configuration>
            """);
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>Consumer</RootNamespace>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                {string.Join(Environment.NewLine, packages.Select(p => $"<PackageReference Include=\"{p}\" Version=\"{version}\" />"))}
                <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "model.fga"), """
            model
              schema 1.1

            type user

            type document
              relations
                define viewer: [user]
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Consumer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddFga(Fga.Model);
            using var host = builder.Build();

            """ + body);
        return app;
    }

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

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _folder.Path,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // The test run's own MSBuild settings must not leak into the consumer's build.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBuildSDKsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
