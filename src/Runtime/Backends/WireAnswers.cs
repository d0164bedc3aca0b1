using TypedFga.Wire;

namespace TypedFga.Backends;

/// <summary>The runtime's results read from OpenFGA's answers, alike for the embedded engine and an OpenFGA server.</summary>
internal static class WireAnswers
{
    /// <summary>The users of one page of <see cref="WireRequests.ReadUsers"/>, and the token of the next.</summary>
    public static (IEnumerable<string?> Users, string ContinuationToken) UsersOf(ReadResponse page) =>
        (page.Tuples.Select(tuple => tuple.Key?.User), page.ContinuationToken);

    /// <summary>A page of stored tuples; a tuple without a key is skipped.</summary>
    public static FgaReadPage ReadPageOf(ReadResponse response) => new(
        response.Tuples
            .Where(tuple => tuple.Key is not null)
            .Select(tuple => new FgaTupleRecord(TupleKeyOf(tuple.Key!), FgaTupleState.Stored, tuple.Timestamp))
            .ToList(),
        response.ContinuationToken);

    /// <summary>The users found, in tuple notation; a user with no member set is skipped.</summary>
    public static IReadOnlyList<string> UsersOf(ListUsersResponse response) =>
        response.Users.Select(user => user.ToString()).Where(user => user.Length > 0).ToList();

    /// <summary>The runtime's tuple; missing parts read as empty, a condition without a name as none.</summary>
    public static TupleKey TupleKeyOf(ApiTupleKey key) => new(
        key.User ?? "",
        key.Relation ?? "",
        key.Object ?? "",
        key.Condition is { Name: { } name } condition
            ? new RelationshipCondition(name, condition.Context is null ? null : ConditionContextJson.Deserialize(condition.Context.ToJsonString()))
            : null);

    /// <summary>An Expand tree node as the runtime's <see cref="FgaExpandNode"/>.</summary>
    public static FgaExpandNode ExpandNodeOf(UsersetTreeNode node) =>
        node switch
        {
            { Leaf.Users: { } users } => new FgaExpandUsers(node.Name, users.Users),
            { Leaf.Computed: { } computed } => new FgaExpandComputed(node.Name, computed.Userset),
            { Leaf.TupleToUserset: { } ttu } => new FgaExpandTupleToUserset(node.Name, ttu.Tupleset, ttu.Computed.Select(c => c.Userset).ToList()),
            { Union: { } union } => new FgaExpandUnion(node.Name, union.Nodes.Select(ExpandNodeOf).ToList()),
            { Intersection: { } intersection } => new FgaExpandIntersection(node.Name, intersection.Nodes.Select(ExpandNodeOf).ToList()),
            { Difference: { Base: { } @base, Subtract: { } subtract } } => new FgaExpandDifference(node.Name, ExpandNodeOf(@base), ExpandNodeOf(subtract)),
            // A leaf with no users: OpenFGA leaves the empty list out of its JSON.
            _ => new FgaExpandUsers(node.Name, []),
        };
}
