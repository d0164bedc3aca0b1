using System.Text.Json.Nodes;

namespace TypedFga.Tests.Conformance;

/// <summary>The outcome of one call: a value, or OpenFGA's numeric error code with its message.</summary>
public readonly record struct TargetResult<T>(T? Value, int ErrorCode, string? Message)
{
    public static TargetResult<T> Ok(T value) => new(value, 0, null);

    public static TargetResult<T> Error(int code, string message) => new(default, code, message);
}

/// <summary>
/// What the conformance runner needs from an OpenFGA implementation. The in-process engine implements it
/// directly; an HTTP implementation can run the same assertions against a server.
/// </summary>
public interface IConformanceTarget
{
    Task<string> CreateStoreAsync(string name);

    /// <summary>Writes a model given as OpenFGA JSON; returns its id, or the error.</summary>
    Task<TargetResult<string>> WriteModelAsync(string storeId, string modelJson);

    Task WriteTuplesAsync(string storeId, string modelId, IReadOnlyList<ConformanceTuple> tuples);

    Task<TargetResult<bool>> CheckAsync(string storeId, string modelId, ConformanceTuple tuple, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context);

    Task<TargetResult<IReadOnlyList<string>>> ListObjectsAsync(string storeId, string modelId, string user, string type, string relation, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context);

    /// <summary>Lists users; each in tuple notation (<c>user:anne</c>, <c>group:eng#member</c>, <c>user:*</c>).</summary>
    Task<TargetResult<IReadOnlyList<string>>> ListUsersAsync(string storeId, string modelId, string @object, string relation, string filter, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context);
}
