using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.AspNetCore;
using TypedFga.AspNetCore.StatusPage;
using TypedFga.Hosting;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the write-behind operations endpoints and the status page.</summary>
public static class FgaWriteBehindEndpointsExtensions
{
    /// <summary>
    /// Maps JSON endpoints over <see cref="WriteBehindCache"/> under <paramref name="prefix"/>:
    /// <c>GET status</c>, <c>GET pending</c>, <c>DELETE pending</c>, <c>POST flush</c>, <c>GET dead-letters</c>,
    /// <c>POST dead-letters/retry</c>, <c>DELETE dead-letters</c> and <c>GET history</c>, and the status page at
    /// <c>GET {prefix}/</c>. Calls are refused unless <paramref name="configure"/> names an authorization policy or
    /// allows anonymous access.
    /// </summary>
    /// <param name="endpoints">The application's routes.</param>
    /// <param name="prefix">The group's path, for example <c>/fga</c>.</param>
    /// <param name="configure">Sets who may call them.</param>
    /// <returns>The group's builder, to add conventions (rate limiting, tags, more metadata).</returns>
    public static RouteGroupBuilder MapFgaWriteBehind(
        this IEndpointRouteBuilder endpoints,
        string prefix,
        Action<FgaWriteBehindEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(WriteBehindCache)) == false)
        {
            throw new InvalidOperationException("MapFgaWriteBehind needs the services of AddFga: call builder.Services.AddFga(...) first.");
        }

        var options = new FgaWriteBehindEndpointOptions();
        configure?.Invoke(options);

        var group = endpoints.MapGroup(prefix);
        EndpointAccess.Apply(group, options);
        group.AddEndpointFilter<ProblemOnErrorFilter>();

        WriteBehindApi.Map(group);
        if (options.StatusPage)
        {
            StatusPageEndpoints.Map(group);
        }

        return group;
    }
}
