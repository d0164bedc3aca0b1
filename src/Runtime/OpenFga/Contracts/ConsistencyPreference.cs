using System.Text.Json.Serialization;

namespace TypedFga.OpenFga.Contracts;

/// <summary>OpenFGA's <c>consistency</c> request setting.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConsistencyPreference>))]
public enum ConsistencyPreference
{
    /// <summary>The server's default, the same as <see cref="MinimizeLatency"/>.</summary>
    [JsonStringEnumMemberName("UNSPECIFIED")] Unspecified = 0,

    /// <summary>Answers may come from the server's caches.</summary>
    [JsonStringEnumMemberName("MINIMIZE_LATENCY")] MinimizeLatency = 100,

    /// <summary>Skips the server's caches.</summary>
    [JsonStringEnumMemberName("HIGHER_CONSISTENCY")] HigherConsistency = 200,
}

/// <summary>What a Write does with a tuple that already exists (writes) or does not exist (deletes).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WriteConflictAction>))]
public enum WriteConflictAction
{
    /// <summary>Fail the whole Write (OpenFGA's default).</summary>
    [JsonStringEnumMemberName("error")] Error = 0,

    /// <summary>Skip the tuple; the rest of the Write proceeds.</summary>
    [JsonStringEnumMemberName("ignore")] Ignore = 1,
}
