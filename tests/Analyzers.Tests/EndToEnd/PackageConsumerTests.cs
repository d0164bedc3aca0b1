using System.IO.Compression;
using Xunit.Abstractions;

namespace TypedFga.Analyzers.Tests.EndToEnd;

/// <summary>
/// The package as users get it: <c>dotnet pack</c> gives one package with the runtime in <c>lib/</c>, the
/// generator and analyzers in <c>analyzers/dotnet/cs</c> and build props that pick up <c>*.fga</c>; a project
/// that references only that package generates the typed client from its <c>model.fga</c>, gets FGA2001, and runs.
/// </summary>
public sealed class PackageConsumerTests(ITestOutputHelper output) : IDisposable
{
    private const string Model = """
        model
          schema 1.1

        type user

        type document
          relations
            define owner: [user] # @critical
            define viewer: [user, user:*] or owner

        """;

    private const string Code = """
        using TypedFga.Testing;

        namespace App;

        public static class Program
        {
            public static async Task Main()
            {
                var client = new RecordingFgaClient();
                var fga = Fga.Using(client);
                await fga.Document(7).Owners.Grant(Fga.User("anne"));
                await fga.Document(7).Viewers.Grant(Fga.AnyUser);
                var allowed = await fga.Document(7).Viewers.Check(Fga.User("bob"));
                Console.WriteLine($"operations={client.Operations.Count} allowed={allowed} critical={string.Join(",", Fga.Model.CriticalRelations)}");
            }
        }

        """;

    private readonly string _packages = Path.Combine(Path.GetTempPath(), "typedfga-packages-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_packed_package_generates_the_client_from_model_fga_reports_FGA2001_and_runs()
    {
        var version = "0.0.0-test." + Guid.NewGuid().ToString("N")[..12];
        var pack = await TemporaryProject.PackRuntimeAsync(_packages, version);
        output.WriteLine(pack.Output);
        Assert.Equal(0, pack.ExitCode);

        var package = Path.Combine(_packages, $"TypedFga.{version}.nupkg");
        using (var archive = ZipFile.OpenRead(package))
        {
            var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("lib/net10.0/TypedFga.dll", entries);
            Assert.Contains("lib/net10.0/TypedFga.Language.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/TypedFga.Generator.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/TypedFga.Analyzers.dll", entries);
            Assert.Contains("analyzers/dotnet/cs/TypedFga.Analyzers.CodeFixes.dll", entries);
            Assert.Contains("buildTransitive/TypedFga.props", entries);
            Assert.DoesNotContain(entries, entry => entry.StartsWith("lib/", StringComparison.Ordinal) && entry.Contains("Generator", StringComparison.Ordinal));
        }

        using var project = TemporaryProject.ForPackage(Model, Code, _packages, version);
        var build = await project.BuildAsync();
        output.WriteLine(build.Output);
        Assert.Equal(0, build.ExitCode);
        Assert.Matches(@"Code\.cs\(11,\d+\): warning FGA2001: 'Grant' buffers the write to critical relation document#owner", build.Output);

        var run = await project.RunAsync();
        output.WriteLine(run.Output);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("operations=3 allowed=True critical=document#owner", run.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_packages))
        {
            Directory.Delete(_packages, recursive: true);
        }
    }
}
