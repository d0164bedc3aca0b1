namespace TypedFga.Tests;

/// <summary>
/// Tests that assert on the process-wide default client, which every host installs when it starts: they run after
/// the other tests of their assembly, one at a time, so that no host started beside them replaces it.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultClientCollection
{
    public const string Name = "Process-wide default client";
}
