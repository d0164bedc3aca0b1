using System.Text.Json.Nodes;

namespace TypedFga.Wire;

/// <summary>
/// WriteAssertions' body and ReadAssertions' answer: a model's assertions, stored for tooling and never read by the
/// engine.
/// </summary>
internal sealed record AssertionsBody
{
    /// <summary>The model the assertions belong to; set in ReadAssertions' answer only.</summary>
    public string? AuthorizationModelId { get; init; }

    /// <summary>The assertions (at most 100).</summary>
    public IReadOnlyList<Assertion>? Assertions { get; init; }
}

/// <summary>A stored expectation about a check.</summary>
internal sealed record Assertion
{
    /// <summary>The check.</summary>
    public AssertionTupleKey? TupleKey { get; init; }

    /// <summary>Whether the check is expected to be allowed.</summary>
    public bool Expectation { get; init; }

    /// <summary>Tuples considered for the check only: a plain array, as in ListUsers.</summary>
    public IReadOnlyList<ApiTupleKey>? ContextualTuples { get; init; }

    /// <summary>Values for condition parameters.</summary>
    public JsonObject? Context { get; init; }
}

/// <summary>The question of an assertion, in OpenFGA's field order: object, relation, user.</summary>
internal sealed record AssertionTupleKey
{
    /// <summary>The object.</summary>
    public string? Object { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }

    /// <summary>The user.</summary>
    public string? User { get; init; }
}
