using Microsoft.Extensions.DependencyInjection;
using TypedFga.Hosting;

namespace TypedFga.Embedded;

/// <summary>Registers the engine for <c>AddFga</c>, which finds this type by name when the assembly is referenced.</summary>
internal sealed class EmbeddedEngineRegistration : IEmbeddedEngineRegistration
{
    public void Register(IServiceCollection services, Func<IServiceProvider, string> connectionString)
    {
        services.AddSingleton(sp => new EmbeddedOpenFga(new EmbeddedOpenFgaOptions
        {
            ConnectionString = connectionString(sp),
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
        }));
        services.AddSingleton<IEmbeddedStores>(sp => new EmbeddedStores(sp.GetRequiredService<EmbeddedOpenFga>()));
    }
}
