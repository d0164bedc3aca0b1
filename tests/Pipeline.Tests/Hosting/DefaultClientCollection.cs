namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>
/// Tests that assert on the process-wide default client run one at a time: every started host installs itself
/// as that default, so they also wait for every other test to finish.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DefaultClientCollection
{
    public const string Name = "Process-wide default client";
}
