using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Hosting;
using TypedFga.Typed;

namespace TypedFga.AspNetCore.RequestScope;

/// <summary>
/// Makes each web request use its own host's client for generated calls such as <c>Fga.Document(1).Editors.Grant(user)</c>.
/// The process-wide default belongs to the host that started last, so without this scope two web hosts in one
/// process (integration tests with WebApplicationFactory, a site and an admin app) would send each other's operations
/// to the wrong outbox.
/// </summary>
internal sealed class FgaClientScopeStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Resolved on the first request, not while the pipeline is built: options are validated at start first.
        FgaClient? client = null;
        app.Use(async (context, inner) =>
        {
            client ??= app.ApplicationServices.GetRequiredService<FgaClient>();
            using (FgaClientContext.Use(client))
            {
                await inner(context).ConfigureAwait(false);
            }
        });
        next(app);
    };
}
