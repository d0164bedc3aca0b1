using Xunit.Abstractions;

namespace TypedFga.Tests;

/// <summary>
/// Locates OpenFGA's reference data in <c>../shared/openfga</c> beside the repository. Tests that need it are marked
/// <see cref="SharedDataFactAttribute"/> or <see cref="SharedDataTheoryAttribute"/>, and are reported as skipped when
/// it is absent, so a fresh clone still passes its own tests. With <c>TYPEDFGA_REQUIRE_SHARED=1</c> (as in CI) missing
/// data is an error instead.
/// </summary>
internal static class SharedData
{
    public const string RequireVariable = "TYPEDFGA_REQUIRE_SHARED";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>True when missing data must fail tests rather than skip them.</summary>
    public static bool IsRequired => Environment.GetEnvironmentVariable(RequireVariable) == "1";

    /// <summary>Why tests that read the data are skipped; null when they run (the data is there, or it is required).</summary>
    public static string? SkipReason => IsRequired || Directory.Exists(ExpectedDirectory)
        ? null
        : $"OpenFGA's reference data is not beside the repository ({ExpectedDirectory}); set {RequireVariable}=1 to make that a failure.";

    /// <summary><c>../shared/openfga</c>, or <see langword="null"/> when it is not there (an error when it is required).</summary>
    public static string? OpenFgaDirectory
    {
        get
        {
            if (Directory.Exists(ExpectedDirectory))
            {
                return ExpectedDirectory;
            }

            return IsRequired
                ? throw new InvalidOperationException($"OpenFGA's reference data is required ({RequireVariable}=1) and not found at {ExpectedDirectory}.")
                : null;
        }
    }

    private static string ExpectedDirectory => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openfga"));

    /// <summary>The path of a file under <c>../shared/openfga</c>, or null (with a message written) when absent.</summary>
    public static string? Locate(string relativePath, ITestOutputHelper? output = null)
    {
        var root = OpenFgaDirectory;
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is not null && !File.Exists(path) && !Directory.Exists(path))
        {
            // The data is there but not this file: a test asking for a wrong path must not pass quietly.
            throw new FileNotFoundException($"OpenFGA reference data '{relativePath}' is not in {root}.", path);
        }

        if (path is null)
        {
            output?.WriteLine($"SKIPPED: OpenFGA reference data '{relativePath}' not found beside the repository (../shared/openfga).");
            return null;
        }

        return path;
    }

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "model.fga")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Repository root (with model.fga) not found.");
    }
}
