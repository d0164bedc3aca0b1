namespace TypedFga.Pipeline.Tests.Packaging;

/// <summary>
/// The tests that install or build against the packed packages: the solution is packed once for all of them, and they
/// run one after another, since packing a tool publishes into its project's output folder.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackedSolutionCollection : ICollectionFixture<PackedSolution>
{
    public const string Name = "Packed solution";
}
