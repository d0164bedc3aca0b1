using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TypedFga.Wire;

namespace TypedFga.Server.Http;

/// <summary>
/// The contracts request bodies are read with: the source-generated metadata of OpenFGA's bodies, read by the rules of
/// OpenFGA's gateway (grpc-gateway's protojson, unknown fields discarded). Answers are written with
/// <see cref="ApiJson"/>, unchanged.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A field may be spelled by its JSON name or its proto name (<see cref="ProtoFieldNames"/>).</item>
/// <item>An enum field takes its value's name or number (<see cref="ProtoEnumConverter"/>).</item>
/// <item>An integer may be given as a string (<c>"page_size": "50"</c>).</item>
/// <item>
/// A field given twice, in the same spelling or in both, and a key given twice in a map (<c>relations</c>,
/// <c>conditions</c>) or in a <c>context</c> fail, as protojson rejects them; <see cref="RequestBody"/> answers
/// 400 <c>validation_error</c>.
/// </item>
/// <item>Unknown fields are ignored.</item>
/// </list>
/// </remarks>
internal static class RequestJson
{
    /// <summary>The options behind every request contract.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The contract of a request body type.</summary>
    public static JsonTypeInfo<T> For<T>() => Contract<T>.TypeInfo;

    private static JsonSerializerOptions CreateOptions()
    {
        // Starts from the contracts' own options (trailing commas and comments tolerated, as before).
        var options = new JsonSerializerOptions(FgaApiJsonContext.Default.Options)
        {
            TypeInfoResolver = FgaApiJsonContext.Default
                .WithAddedModifier(ProtoEnumConverter.AttachTo)
                .WithAddedModifier(ProtoFieldNames.AddProtoNames),
            AllowDuplicateProperties = false,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };
        options.MakeReadOnly();
        return options;
    }

    // Resolved once per type, so reading a body costs no lookup.
    private static class Contract<T>
    {
        public static readonly JsonTypeInfo<T> TypeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
    }
}
