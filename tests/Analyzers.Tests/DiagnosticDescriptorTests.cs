using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using TypedFga.Analyzers.Rules;
using TypedFga.Tests;

namespace TypedFga.Analyzers.Tests;

public sealed class DiagnosticDescriptorTests
{
    public static TheoryData<string> Ids { get; } = new(AllDescriptors().Select(descriptor => descriptor.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_links_to_its_page_in_the_repository(string id)
    {
        var descriptor = AllDescriptors().Single(d => d.Id == id);

        Assert.EndsWith($"/docs/diagnostics/{id}.md", descriptor.HelpLinkUri, StringComparison.Ordinal);
        var page = Path.Combine(SharedData.RepositoryRoot, "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"{page} is missing.");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text, StringComparison.Ordinal);
        Assert.Contains("## How to suppress", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_rule_is_listed_in_the_release_tracking_files(string id)
    {
        var releases = string.Concat(
            File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "src", "Analyzers", "AnalyzerReleases.Shipped.md")),
            File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md")));

        Assert.Contains(id + " |", releases, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_are_warnings_with_unique_ids_in_the_usage_range()
    {
        var descriptors = AllDescriptors();

        Assert.Equal(descriptors.Length, descriptors.Select(d => d.Id).Distinct().Count());
        Assert.All(descriptors, d =>
        {
            Assert.Matches("^FGA2[0-9]{3}$", d.Id);
            Assert.Equal(DiagnosticSeverity.Warning, d.DefaultSeverity);
            Assert.True(d.IsEnabledByDefault);
        });
    }

    private static DiagnosticDescriptor[] AllDescriptors() =>
        typeof(WriteBehindOnCriticalRelationAnalyzer).Assembly.GetTypes()
            .Where(type => !type.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(type) && type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(type => ((DiagnosticAnalyzer)Activator.CreateInstance(type)!).SupportedDiagnostics)
            .OrderBy(descriptor => descriptor.Id, StringComparer.Ordinal)
            .ToArray();
}
