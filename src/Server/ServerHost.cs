using Microsoft.Extensions.DependencyInjection.Extensions;
using TypedFga.Embedded;
using TypedFga.Server.Authentication;
using TypedFga.Server.Configuration;
using TypedFga.Server.Endpoints;
using TypedFga.Server.Faults;
using TypedFga.Server.Http;

namespace TypedFga.Server;

/// <summary>
/// Builds the OpenFGA-compatible HTTP server: the embedded engine behind OpenFGA's REST API, on
/// <see cref="ServerOptions.DefaultUrl"/> unless <c>--urls</c> says otherwise.
/// </summary>
public static class ServerHost
{
    /// <summary>
    /// Builds the server from command-line arguments (plus appsettings.json and environment variables).
    /// <paramref name="configureServices"/> runs after the server's own registrations, so a test can replace
    /// a service such as <see cref="IFaultInjector"/>; configuration alone cannot.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json sits beside the binary, wherever the server is started from.
            ContentRootPath = AppContext.BaseDirectory,
        });

        var options = ServerOptionsReader.Read(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(ServerOptions.DefaultUrl);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // One byte of slack: RequestBody reports the overflow itself, with OpenFGA's error body.
            kestrel.Limits.MaxRequestBodySize = options.Http.MaxRequestBodyBytes + 1;
        });

        AddServices(builder.Services, options);
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<ApiExceptionMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseStatusCodePages(context => RoutingErrors.WriteAsync(context.HttpContext));
        app.UseRouting();
        if (string.Equals(options.Authn.Method, AuthnOptions.Preshared, StringComparison.OrdinalIgnoreCase))
        {
            app.UseMiddleware<PresharedKeyMiddleware>();
        }

        app.MapHealthEndpoints();
        app.MapStoreEndpoints();
        app.MapModelEndpoints();
        app.MapTupleEndpoints();
        app.MapQueryEndpoints();
        app.MapAssertionEndpoints();
        return app;
    }

    private static void AddServices(IServiceCollection services, ServerOptions options)
    {
        var connectionString = ServerOptionsReader.ConnectionString(options.Datastore);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new EmbeddedOpenFga(new EmbeddedOpenFgaOptions
        {
            ConnectionString = connectionString,
            Synchronous = options.Datastore.Synchronous.ToUpperInvariant(),
            TimeProvider = provider.GetRequiredService<TimeProvider>(),
        }));
        services.AddSingleton(_ => new AssertionStore(connectionString));
        services.AddSingleton<RequestBody>();
        services.AddSingleton<IFaultInjector, NoFaultInjector>();
    }
}
