using Xunit.Abstractions;

namespace TypedFga.Tests;

/// <summary>
/// Locates OpenFGA's reference data in <c>../shared/openfga</c> beside the repository. Tests that need it
/// skip (pass with a message) when it is absent, so a fresh clone still passes its own tests.
/// </summary>
internal static class SharedData
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary><c>../shared/openfga</c>, or <see langword="null"/> when it is not there.</summary>
    public static string? OpenFgaDirectory
    {
        get
        {
            var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "openfga"));
            return Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>The path of a file under <c>../shared/openfga</c>, or null (with a message written) when absent.</summary>
    public static string? Locate(string relativePath, ITestOutputHelper? output = null)
    {
        var root = OpenFgaDirectory;
        var path = root is null ? null : Path.Combine(root, relativePath);
        if (path is null || (!File.Exists(path) && !Directory.Exists(path)))
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
