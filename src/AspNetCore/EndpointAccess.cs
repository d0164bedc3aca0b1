using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TypedFga.AspNetCore;

/// <summary>Applies the access rule of <see cref="FgaWriteBehindEndpointOptions"/> to the group.</summary>
internal static class EndpointAccess
{
    internal const string NotConfiguredDetail =
        "The write-behind endpoints refuse every call until access is configured: " +
        "MapFgaWriteBehind(prefix, o => o.AuthorizationPolicy = \"...\"), or o.AllowAnonymous = true in development.";

    public static void Apply(RouteGroupBuilder group, FgaWriteBehindEndpointOptions options)
    {
        var hasPolicy = !string.IsNullOrWhiteSpace(options.AuthorizationPolicy);
        if (hasPolicy && options.AllowAnonymous)
        {
            throw new ArgumentException(
                "MapFgaWriteBehind: set either AuthorizationPolicy or AllowAnonymous, not both.", nameof(options));
        }

        if (hasPolicy)
        {
            group.RequireAuthorization(options.AuthorizationPolicy!);
        }
        else if (options.AllowAnonymous)
        {
            group.AllowAnonymous();
        }
        else
        {
            // Refused here rather than through RequireAuthorization: an application without authentication
            // services would answer 500, and one with a permissive default policy would let callers in.
            group.AddEndpointFilter((context, next) => ValueTask.FromResult<object?>(Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Access to the write-behind endpoints is not configured",
                detail: NotConfiguredDetail)));
        }
    }
}
