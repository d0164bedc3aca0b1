using System.Security.Cryptography;
using System.Text;
using TypedFga.Server.Configuration;
using TypedFga.Server.Endpoints;
using TypedFga.Server.Http;

namespace TypedFga.Server.Authentication;

/// <summary>
/// OpenFGA's preshared-key authentication: every API call must carry <c>Authorization: Bearer &lt;key&gt;</c>
/// with one of the configured keys. A missing token is 401 <c>bearer_token_missing</c>, a wrong one 401
/// <c>unauthenticated</c>. The health check stays open, as OpenFGA's does.
/// </summary>
internal sealed class PresharedKeyMiddleware(RequestDelegate next, ServerOptions options)
{
    private const string BearerPrefix = "Bearer ";

    private readonly byte[][] _keys = options.Authn.PresharedKeys.Select(Encoding.UTF8.GetBytes).ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        // Unknown routes fall through to their 404, as OpenFGA authenticates only the calls it routes.
        if (context.GetEndpoint() is null || context.Request.Path.StartsWithSegments(HealthEndpoints.Path))
        {
            return next(context);
        }

        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length == BearerPrefix.Length)
        {
            return ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "bearer_token_missing", "missing bearer token");
        }

        var presented = Encoding.UTF8.GetBytes(header[BearerPrefix.Length..].Trim());
        var accepted = false;
        foreach (var key in _keys)
        {
            // Compares every key in constant time, so the answer's timing says nothing about the keys.
            accepted |= CryptographicOperations.FixedTimeEquals(presented, key);
        }

        return accepted
            ? next(context)
            : ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, "unauthenticated", "unauthenticated");
    }
}
