using Microsoft.Extensions.DependencyInjection;

namespace TypedFga.Hosting;

/// <summary>
/// What the <c>TypedFga.Embedded</c> assembly offers <c>AddFga</c>: the registration of the engine and its
/// <see cref="IEmbeddedStores"/>, used when no <c>Fga:ApiUrl</c> is set.
/// </summary>
internal interface IEmbeddedEngineRegistration
{
    /// <summary>Registers the engine, on the database <paramref name="connectionString"/> gives for the host's settings.</summary>
    void Register(IServiceCollection services, Func<IServiceProvider, string> connectionString);
}
