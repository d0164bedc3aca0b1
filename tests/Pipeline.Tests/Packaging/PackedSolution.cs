using System.IO.Compression;
using System.Xml.Linq;
using TypedFga.Pipeline.Tests.Infrastructure;
using Xunit;

namespace TypedFga.Pipeline.Tests.Packaging;

/// <summary>
/// <c>dotnet pack</c> of the whole solution, once for the tests that use its packages, reusing the test run's build.
/// </summary>
public sealed class PackedSolution : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private PackageFeed? _feed;

    public PackageFeed Feed => _feed ?? throw new InvalidOperationException("The solution is not packed yet.");

    /// <summary>A folder of its own for one test's applications.</summary>
    public string NewFolder(string name)
    {
        var path = _folder.File(name);
        Directory.CreateDirectory(path);
        return path;
    }

    public async Task InitializeAsync() =>
        _feed = await PackageFeed.PackAsync(Path.Combine(DotnetProcess.RepositoryRoot(), "TypedFga.slnx"), _folder.File("feed"), _folder.Path);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>The entries of package <paramref name="id"/>.</summary>
    public IReadOnlyList<string> Entries(string id)
    {
        using var archive = ZipFile.OpenRead(Feed.Package(id));
        return archive.Entries.Select(e => e.FullName).ToList();
    }

    /// <summary>The <c>.nuspec</c> of package <paramref name="id"/>.</summary>
    public XDocument Nuspec(string id)
    {
        using var archive = ZipFile.OpenRead(Feed.Package(id));
        using var stream = archive.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream);
    }

    /// <summary>The ids of the packages <paramref name="id"/> depends on, ordinal-sorted.</summary>
    public IReadOnlyList<string> Dependencies(string id) =>
        Nuspec(id).Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => (string)e.Attribute("id")!).Order(StringComparer.Ordinal).ToList();

    /// <summary>The shared frameworks package <paramref name="id"/> asks for.</summary>
    public IReadOnlyList<string> FrameworkReferences(string id) =>
        Nuspec(id).Descendants().Where(e => e.Name.LocalName == "frameworkReference")
            .Select(e => (string)e.Attribute("name")!).ToList();
}
