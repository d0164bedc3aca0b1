using Microsoft.Extensions.DependencyInjection;

namespace TypedFga.Hosting;

/// <summary>
/// What the <c>TypedFga.AspNetCore</c> assembly adds to <c>AddFga</c> when the application references it: the
/// per-request client scope of a web host. The core stays free of ASP.NET Core, so a worker or console host does not
/// carry the web framework.
/// </summary>
internal interface IWebHostIntegration
{
    /// <summary>Registers what a web host needs next to <c>AddFga</c>'s own services.</summary>
    void Register(IServiceCollection services);
}
