using System.Text.Json.Serialization.Metadata;

namespace TypedFga.Server.Http;

/// <summary>Answers with OpenFGA's content type and status codes.</summary>
internal static class ApiResults
{
    private const string JsonContentType = "application/json";

    /// <summary>A JSON answer, 200 unless told otherwise (OpenFGA answers creations with 201).</summary>
    public static IResult Json<T>(T value, JsonTypeInfo<T> typeInfo, int status = StatusCodes.Status200OK) =>
        TypedResults.Json(value, typeInfo, JsonContentType, status);

    /// <summary>OpenFGA's answer to deletions and assertion writes: 204 with no body.</summary>
    public static IResult NoContent() => TypedResults.NoContent();
}
