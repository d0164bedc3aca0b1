using System.Diagnostics;
using System.Text;
using TypedFga.Tests;

namespace TypedFga.Analyzers.Tests.EndToEnd;

/// <summary>
/// A throwaway SDK project in a temporary directory. By default it references the repository's runtime, generator
/// and analyzers by path, the way an application in the same repository would; the referenced projects are not
/// rebuilt (<c>BuildProjectReferences=false</c>): the test run has already built them, and the repository stays
/// untouched. <see cref="ForPackage"/> makes one that consumes the packed NuGet package instead.
/// </summary>
internal sealed class TemporaryProject : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    public TemporaryProject(string model, string code)
        : this(model, code, RepositoryReferencesProjectFile())
    {
    }

    private TemporaryProject(string model, string code, string projectFile)
    {
        Directory = Path.Combine(Path.GetTempPath(), "typedfga-e2e-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "model.fga"), model);
        File.WriteAllText(Path.Combine(Directory, "Code.cs"), code);
        File.WriteAllText(Path.Combine(Directory, "App.csproj"), projectFile);
    }

    public string Directory { get; }

    /// <summary>
    /// A console project that references only the TypedFga package of <paramref name="version"/> from
    /// <paramref name="packageSource"/>, with <c>model.fga</c> beside it and no item for it: the package's build
    /// props must pick it up.
    /// </summary>
    public static TemporaryProject ForPackage(string model, string code, string packageSource, string version) =>
        new(model, code, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>App</RootNamespace>
                <RestoreAdditionalProjectSources>{packageSource}</RestoreAdditionalProjectSources>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="TypedFga" Version="{version}" />
              </ItemGroup>
            </Project>
            """);

    /// <summary>
    /// Packs the repository's runtime package from the outputs the test run already built, with a version of its
    /// own so that no earlier package in the NuGet cache can stand in for it.
    /// </summary>
    public static Task<(int ExitCode, string Output)> PackRuntimeAsync(string outputDirectory, string version) =>
        RunDotnetAsync(SharedData.RepositoryRoot, [
            "pack", Path.Combine(SharedData.RepositoryRoot, "src", "Runtime", "TypedFga.csproj"), "-c", Configuration, "--no-build",
            "-nologo", "-nodeReuse:false", "--disable-build-servers", "-o", outputDirectory, $"-p:PackageVersion={version}"]);

    /// <summary>Runs <c>dotnet build</c> with the given extra arguments; returns the exit code and everything it printed.</summary>
    public Task<(int ExitCode, string Output)> BuildAsync(params string[] arguments) =>
        RunDotnetAsync(Directory, new[] { "build", "App.csproj", "-c", Configuration, "-nologo", "-nodeReuse:false", "--disable-build-servers", "-p:BuildProjectReferences=false" }.Concat(arguments));

    /// <summary>Runs the program built by <see cref="BuildAsync"/> and returns its exit code and output.</summary>
    public Task<(int ExitCode, string Output)> RunAsync() =>
        RunDotnetAsync(Directory, ["run", "--no-build", "-c", Configuration, "--project", "App.csproj"]);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A build node may still hold a file for a moment; the temporary directory is cleaned by the OS eventually.
        }
    }

    private static async Task<(int ExitCode, string Output)> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild settings must not leak into the child process.
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', start.ArgumentList)} did not finish within {CommandTimeout}.");
        }

        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }

    private static string RepositoryReferencesProjectFile()
    {
        var root = SharedData.RepositoryRoot;
        return $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Path.Combine(root, "src", "Runtime", "build", "TypedFga.props")}" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>App</RootNamespace>
                <!-- Outside the repository there are no transitive version pins; a newer served dependency is not the subject here. -->
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{Path.Combine(root, "src", "Runtime", "TypedFga.csproj")}" />
                <ProjectReference Include="{Path.Combine(root, "src", "Generator", "TypedFga.Generator.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{Path.Combine(root, "src", "Analyzers", "TypedFga.Analyzers.csproj")}" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """;
    }
}
