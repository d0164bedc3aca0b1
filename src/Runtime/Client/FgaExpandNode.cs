namespace TypedFga;

/// <summary>
/// A node of an Expand's userset tree. Leaves are <see cref="FgaExpandUsers"/>, <see cref="FgaExpandComputed"/> and
/// <see cref="FgaExpandTupleToUserset"/>; <see cref="FgaExpandUnion"/>, <see cref="FgaExpandIntersection"/> and
/// <see cref="FgaExpandDifference"/> combine children.
/// </summary>
/// <param name="Name">The userset the node stands for, <c>object#relation</c>.</param>
public abstract record FgaExpandNode(string Name);

/// <summary>The subjects of the tuples stored directly on <see cref="FgaExpandNode.Name"/> (<c>user:anne</c>, <c>user:*</c>, <c>team:eng#member</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Users">The subjects.</param>
public sealed record FgaExpandUsers(string Name, IReadOnlyList<string> Users) : FgaExpandNode(Name);

/// <summary>A relation computed from another one of the same object (<c>define viewer: editor</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Userset">The userset it is computed from, <c>object#relation</c>; expand it to go on.</param>
public sealed record FgaExpandComputed(string Name, string Userset) : FgaExpandNode(Name);

/// <summary>A relation inherited through a tupleset (<c>viewer from parent</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Tupleset">The tupleset userset, <c>object#parent</c>.</param>
/// <param name="Computed">The usersets the tupleset's tuples lead to (<c>folder:1#viewer</c>); expand them to go on.</param>
public sealed record FgaExpandTupleToUserset(string Name, string Tupleset, IReadOnlyList<string> Computed) : FgaExpandNode(Name);

/// <summary>Subjects in any of the children (<c>or</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Nodes">The children.</param>
public sealed record FgaExpandUnion(string Name, IReadOnlyList<FgaExpandNode> Nodes) : FgaExpandNode(Name);

/// <summary>Subjects in every child (<c>and</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Nodes">The children.</param>
public sealed record FgaExpandIntersection(string Name, IReadOnlyList<FgaExpandNode> Nodes) : FgaExpandNode(Name);

/// <summary>Subjects in <paramref name="Base"/> and not in <paramref name="Subtract"/> (<c>but not</c>).</summary>
/// <param name="Name">The userset, <c>object#relation</c>.</param>
/// <param name="Base">The set subtracted from.</param>
/// <param name="Subtract">The set subtracted.</param>
public sealed record FgaExpandDifference(string Name, FgaExpandNode Base, FgaExpandNode Subtract) : FgaExpandNode(Name);
