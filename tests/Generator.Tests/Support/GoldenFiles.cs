using System.Text.RegularExpressions;
using TypedFga.Tests;

namespace TypedFga.Generator.Tests.Support;

/// <summary>
/// Compares generated files with the checked-in copies under <c>tests/Generator.Tests/Golden</c>.
/// Set <c>TYPEDFGA_UPDATE_GOLDEN=1</c> to rewrite the copies from the current output instead. The generator's version
/// in <c>[GeneratedCode]</c> is compared as a placeholder, so that a release does not change every copy.
/// </summary>
internal static partial class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("TYPEDFGA_UPDATE_GOLDEN") == "1";

    public static string Directory(string name) =>
        Path.Combine(SharedData.RepositoryRoot, "tests", "Generator.Tests", "Golden", name);

    public static void Verify(string name, IReadOnlyCollection<(string HintName, string Text)> files)
    {
        var directory = Directory(name);
        if (Updating)
        {
            if (System.IO.Directory.Exists(directory))
            {
                System.IO.Directory.Delete(directory, recursive: true);
            }

            System.IO.Directory.CreateDirectory(directory);
            foreach (var (hintName, text) in files)
            {
                File.WriteAllText(Path.Combine(directory, hintName), WithoutVersion(text));
            }

            return;
        }

        Assert.True(System.IO.Directory.Exists(directory), $"No golden files in {directory}; run the tests with TYPEDFGA_UPDATE_GOLDEN=1 to create them.");
        var expectedNames = System.IO.Directory.GetFiles(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var actualNames = files.Select(f => f.HintName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(expectedNames, actualNames);
        foreach (var (hintName, text) in files)
        {
            var expected = WithoutVersion(File.ReadAllText(Path.Combine(directory, hintName)).ReplaceLineEndings("\n"));
            var actual = WithoutVersion(text);
            Assert.True(
                expected == actual,
                $"{hintName} differs from its golden copy; run the tests with TYPEDFGA_UPDATE_GOLDEN=1 to accept the new output.\n{FirstDifference(expected, actual)}");
        }
    }

    private static string WithoutVersion(string text) => GeneratorVersion().Replace(text, "GeneratedCode(\"TypedFga.Generator\", \"{version}\")");

    [GeneratedRegex(@"GeneratedCode\(""TypedFga\.Generator"", ""[0-9.]+""\)")]
    private static partial Regex GeneratorVersion();

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                return $"line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return string.Empty;
    }
}
