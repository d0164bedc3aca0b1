namespace TypedFga;

/// <summary>A condition attached to a tuple, with the parameter values stored alongside it.</summary>
/// <param name="Name">The condition's name as declared in the model.</param>
/// <param name="Context">
/// Parameter values fixed at write time. Values are CLR primitives, <see cref="DateTimeOffset"/>,
/// <see cref="TimeSpan"/>, lists and string-keyed dictionaries; they are sent as JSON.
/// </param>
public sealed record RelationshipCondition(string Name, IReadOnlyDictionary<string, object?>? Context = null);
