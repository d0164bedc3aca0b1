using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using TypedFga;
using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Diagnostics;
using TypedFga.Flushing;
using TypedFga.Hosting;
using TypedFga.OpenFga;
using TypedFga.Outbox;
using TypedFga.Typed;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the TypedFga runtime: the client behind the generated <c>Fga</c> API and write-behind.</summary>
public static class FgaServiceCollectionExtensions
{
    /// <summary>
    /// Registers the OpenFGA client for <paramref name="model"/> (pass the generated <c>Fga.Model</c>), bound from
    /// the <c>Fga</c> configuration section and validated at start: the backend (embedded engine unless
    /// <c>Fga:ApiUrl</c> is set), the durable write-behind outbox and its Quartz-scheduled flushes,
    /// <see cref="IFgaClient"/>, <see cref="FgaClient"/> and <see cref="WriteBehindCache"/>. Once the host has
    /// started, generated calls such as <c>Fga.Document(1).Editors.Grant(user)</c> use this client.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="model">The application's model.</param>
    /// <param name="configure">Changes applied after configuration binding.</param>
    public static IServiceCollection AddFga(this IServiceCollection services, FgaModelInfo model, Action<FgaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(model);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(FgaClient)))
        {
            throw new InvalidOperationException("AddFga was called twice; one host runs one TypedFga runtime. Use Fga:Connections for several stores.");
        }

        var temporaryOutbox = new TemporaryOutbox();
        AddOptions(services, configure, temporaryOutbox);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(model);
        services.AddOpenFgaHttpClientWithoutStartValidation();

        // The engine is there when the application references TypedFga.Embedded; a server needs only TypedFga.
        EmbeddedEngineDiscovery.Find()?.Register(services, sp => EngineConnectionString(OptionsOf(sp)));
        services.AddSingleton<IFgaBackend>(sp => OptionsOf(sp).ResolveBackend() == FgaBackendKind.OpenFga
            ? sp.GetRequiredService<OpenFgaBackend>()
            : EmbeddedStoresOf(sp).Backend);
        services.AddSingleton(sp => new FgaConnectionRegistry(
            sp.GetRequiredService<IOptions<FgaOptions>>(),
            model,
            OptionsOf(sp).ResolveBackend() == FgaBackendKind.Embedded ? EmbeddedStoresOf(sp) : null));

        // Created by a factory so that the container disposes it, and resolved before the store so that it is
        // disposed after the store has closed the file.
        services.AddSingleton(_ => temporaryOutbox);
        services.AddSingleton(sp =>
        {
            _ = sp.GetRequiredService<TemporaryOutbox>();
            return CreateOutbox(sp);
        });
        services.AddSingleton(sp => new OutboxFlusher(
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<IFgaBackend>(),
            sp.GetRequiredService<IOptions<WriteBehindOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<OutboxFlusher>>()));
        services.AddMetrics();
        services.AddSingleton<FgaMetrics>();
        services.AddSingleton<FlushCoordinator>();
        services.AddSingleton(sp => new WriteBehindPipeline(sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<FlushCoordinator>())
        {
            CriticalRelations = sp.GetRequiredService<IOptions<WriteBehindOptions>>().Value.CriticalRelations,
        });
        services.AddSingleton<WriteBehindCache>();
        services.AddSingleton(sp => new FgaClient(
            sp.GetRequiredService<IFgaBackend>(),
            sp.GetRequiredService<FgaConnectionRegistry>(),
            model,
            OptionsOf(sp).WriteBehind.Enabled ? sp.GetRequiredService<WriteBehindPipeline>() : null,
            sp.GetService<ILogger<FgaClient>>(),
            OptionsOf(sp).Cache.Enabled
                ? new CheckCache(OptionsOf(sp).Cache, sp.GetRequiredService<TimeProvider>(), RelationDependencies.FromModelJson(model.Json))
                : null));
        services.AddSingleton<IFgaClient>(sp => sp.GetRequiredService<FgaClient>());

        services.AddQuartz();
        services.AddQuartzHostedService(quartz => quartz.WaitForJobsToComplete = true);
        services.AddSingleton<FlushScheduleRegistration>();
        // Registered after Quartz's hosted service, so it stops before the scheduler does; a scheduled flush
        // still running then simply goes first, since flushes never overlap.
        services.AddHostedService<FgaHostedService>();
        // Web hosts, when the application references TypedFga.AspNetCore: each request's generated calls use this
        // host's client, not the process default.
        WebHostIntegrationDiscovery.Find()?.Register(services);
        return services;
    }

    private static void AddOptions(IServiceCollection services, Action<FgaOptions>? configure, TemporaryOutbox temporaryOutbox)
    {
        var fga = services.AddOptions<FgaOptions>().BindConfiguration(FgaOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            fga.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<FgaOptions>, FgaOptionsValidator>();
        services.AddSingleton<FgaSettingsReader>();

        services.AddOptions<WriteBehindOptions>()
            .BindConfiguration(WriteBehindOptions.SectionName)
            .Configure<IConfiguration>(ReplaceDefaultBackoff)
            .Configure<IConfiguration>(ResolveNamedConnectionString)
            .PostConfigure<FgaSettingsReader>((writeBehind, fga) => UseTemporaryOutboxForInMemoryEngine(writeBehind, fga.Settings, temporaryOutbox))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WriteBehindOptions>, WriteBehindOptionsValidator>());

        services.AddOptions<OpenFgaClientOptions>()
            .BindConfiguration(OpenFgaClientOptions.SectionName)
            .PostConfigure<FgaSettingsReader>((client, fgaOptions) =>
            {
                // Settings changed in code (the configure callback) reach the HTTP client too.
                var settings = fgaOptions.Settings;
                if (Uri.TryCreate(settings.ApiUrl, UriKind.Absolute, out var url))
                {
                    client.ApiUrl = url;
                }

                client.StoreId = settings.StoreId ?? client.StoreId;
                client.AuthorizationModelId = settings.AuthorizationModelId ?? client.AuthorizationModelId;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<OpenFgaClientOptions>>(sp =>
            new OpenFgaClientOptionsWhenInUseValidator(Microsoft.Extensions.Options.Options.Create(sp.GetRequiredService<FgaSettingsReader>().Settings)));
    }

    // The binder adds configured list entries to the defaults already in the list (10 s, 30 s, 60 s), so a
    // configured Backoff of [1 s] would become [10 s, 30 s, 60 s, 1 s]: a configured list replaces the defaults.
    private static void ReplaceDefaultBackoff(WriteBehindOptions writeBehind, IConfiguration configuration)
    {
        var backoff = configuration.GetSection(WriteBehindOptions.SectionName).GetSection(nameof(WriteBehindOptions.Backoff));
        if (backoff.GetChildren().Any())
        {
            writeBehind.Backoff = backoff.Get<List<TimeSpan>>() ?? [];
        }
    }

    private static OutboxStore CreateOutbox(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<WriteBehindOptions>>();
        var timeProvider = services.GetRequiredService<TimeProvider>();
        if (options.Value.Store == OutboxStoreKind.PostgreSql)
        {
            // Start-up validation has found the provider. Listening keeps this node's check cache in step with the
            // writes of every other node.
            var provider = SharedOutboxDiscovery.Find() ?? throw new InvalidOperationException(SharedOutboxDiscovery.MissingPackageMessage);
            return provider.Open(options.Value.ConnectionString!, listen: true, timeProvider, services.GetService<ILoggerFactory>());
        }

        return new SqliteOutboxStore(options.Value.ResolveOutboxPath(), options.Value.Durability, timeProvider, services.GetService<ILogger<SqliteOutboxStore>>());
    }

    private static void ResolveNamedConnectionString(WriteBehindOptions writeBehind, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(writeBehind.ConnectionString) && writeBehind.ConnectionStringName is { Length: > 0 } name)
        {
            writeBehind.ConnectionString = configuration.GetConnectionString(name);
        }
    }

    // An engine that forgets its stores on exit cannot take operations from an earlier run: a private
    // outbox per process keeps them from being sent to stores that no longer exist.
    private static void UseTemporaryOutboxForInMemoryEngine(WriteBehindOptions writeBehind, FgaOptions settings, TemporaryOutbox temporaryOutbox)
    {
        if (writeBehind.Outbox is null && writeBehind.Store == OutboxStoreKind.Sqlite && settings.ResolveBackend() == FgaBackendKind.Embedded && string.IsNullOrWhiteSpace(settings.Embedded.Database))
        {
            writeBehind.Outbox = temporaryOutbox.Path;
        }
    }

    private static string EngineConnectionString(FgaOptions options) =>
        string.IsNullOrWhiteSpace(options.Embedded.Database)
            ? "Data Source=:memory:"
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = Path.GetFullPath(options.Embedded.Database) }.ToString();

    private static IEmbeddedStores EmbeddedStoresOf(IServiceProvider services) =>
        services.GetService<IEmbeddedStores>() ?? throw new InvalidOperationException(EmbeddedEngineDiscovery.NoBackendMessage);

    private static FgaOptions OptionsOf(IServiceProvider services) => services.GetRequiredService<IOptions<FgaOptions>>().Value;
}
