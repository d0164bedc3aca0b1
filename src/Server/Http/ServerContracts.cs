using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using TypedFga.Wire;

namespace TypedFga.Server.Http;

/// <summary>The empty object OpenFGA answers Write with.</summary>
internal sealed record EmptyBody;

/// <summary>The health check's answer.</summary>
internal sealed record HealthBody(string Status);

/// <summary>WriteAssertions' body and ReadAssertions' answer.</summary>
internal sealed record AssertionsBody
{
    public string? AuthorizationModelId { get; init; }

    public IReadOnlyList<Assertion>? Assertions { get; init; }
}

/// <summary>A stored expectation about a check, kept with a model for tooling.</summary>
internal sealed record Assertion
{
    public AssertionTupleKey? TupleKey { get; init; }

    public bool Expectation { get; init; }

    public IReadOnlyList<ApiTupleKey>? ContextualTuples { get; init; }

    public JsonObject? Context { get; init; }
}

/// <summary>The question of an assertion.</summary>
internal sealed record AssertionTupleKey
{
    public string? Object { get; init; }

    public string? Relation { get; init; }

    public string? User { get; init; }
}

/// <summary>Source-generated metadata for the server's own bodies, with OpenFGA's snake_case names.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(HealthBody))]
[JsonSerializable(typeof(AssertionsBody))]
internal sealed partial class ServerJsonContext : JsonSerializerContext;
