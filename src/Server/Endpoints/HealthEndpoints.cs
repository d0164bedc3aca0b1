using TypedFga.Server.Http;

namespace TypedFga.Server.Endpoints;

/// <summary>The health check, <c>GET /healthz</c> answering <c>{"status":"SERVING"}</c> as OpenFGA's does.</summary>
internal static class HealthEndpoints
{
    public const string Path = "/healthz";

    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, () => ApiResults.Json(new HealthBody("SERVING"), ApiJson.Server.HealthBody));
}
