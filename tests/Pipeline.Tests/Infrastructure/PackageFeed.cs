namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>
/// A folder of packages made by <c>dotnet pack</c> from the test run's own build, and the tools installed from it alone:
/// the packages as users get them.
/// </summary>
public sealed class PackageFeed
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    private readonly string _workingFolder;

    private PackageFeed(string folder, string workingFolder, string version)
    {
        Folder = folder;
        _workingFolder = workingFolder;
        Version = version;
    }

    /// <summary>The folder that holds the packages.</summary>
    public string Folder { get; }

    /// <summary>The version every package of this feed has.</summary>
    public string Version { get; }

    /// <summary>The ids of the packages in the feed, ordinal-sorted.</summary>
    public IReadOnlyList<string> PackageIds =>
        Directory.GetFiles(Folder, "*.nupkg")
            .Select(path => Path.GetFileName(path)[..^$".{Version}.nupkg".Length])
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Packs <paramref name="target"/> (a project or the solution) into <paramref name="folder"/> with a version of its own,
    /// so that no package of an earlier run in the machine's package cache stands in for these.
    /// </summary>
    public static async Task<PackageFeed> PackAsync(string target, string folder, string workingFolder)
    {
        var version = "0.1.0-pack" + Guid.NewGuid().ToString("N")[..12];
        var pack = await DotnetProcess.RunAsync(
            DotnetProcess.Dotnet,
            ["pack", target, "-c", DotnetProcess.BuildConfiguration, "--no-build", "-o", folder, $"-p:PackageVersion={version}"],
            workingFolder,
            Timeout);
        if (pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet pack {target} failed:{Environment.NewLine}{pack.Output}{pack.Error}");
        }

        return new PackageFeed(folder, workingFolder, version);
    }

    /// <summary>The path of the package <paramref name="id"/>.</summary>
    public string Package(string id) => Path.Combine(Folder, $"{id}.{Version}.nupkg");

    /// <summary>
    /// Installs the tool <paramref name="id"/> into a tool path of its own, from this folder alone and through a package
    /// cache of its own: no other feed is asked, so the tool must carry everything it needs. Returns the command's path.
    /// </summary>
    public async Task<string> InstallToolAsync(string id, string command)
    {
        var config = Path.Combine(_workingFolder, "nuget.no-sources.config");
        await File.WriteAllTextAsync(config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration><packageSources><clear /></packageSources></configuration>
            """);
        var tools = Path.Combine(_workingFolder, "tools-" + id);
        var install = await DotnetProcess.RunAsync(
            DotnetProcess.Dotnet,
            ["tool", "install", id, "--tool-path", tools, "--configfile", config, "--add-source", Folder, "--version", Version],
            _workingFolder,
            Timeout,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_workingFolder, "tool-packages") });
        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet tool install {id} failed:{Environment.NewLine}{install.Output}{install.Error}");
        }

        return Path.Combine(tools, OperatingSystem.IsWindows() ? command + ".exe" : command);
    }
}
