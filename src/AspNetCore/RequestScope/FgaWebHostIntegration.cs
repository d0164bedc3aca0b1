using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedFga.Hosting;

namespace TypedFga.AspNetCore.RequestScope;

/// <summary>
/// Found by <c>AddFga</c> when the application references this assembly, so a web host gets its request scope with no
/// call of its own. A generic host ignores startup filters, so a worker that references the package pays nothing.
/// </summary>
internal sealed class FgaWebHostIntegration : IWebHostIntegration
{
    public void Register(IServiceCollection services) =>
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, FgaClientScopeStartupFilter>());
}
