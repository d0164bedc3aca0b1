using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Telemetry;
using Microsoft.Extensions.Options;
using TypedFga.OpenFga;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="OpenFgaHttpClient"/> and <see cref="OpenFgaBackend"/> with dependency injection.</summary>
public static class OpenFgaServiceCollectionExtensions
{
    /// <summary>The name of the HttpClient used for OAuth token requests.</summary>
    public const string TokenHttpClientName = "TypedFga.OpenFga.TokenIssuer";

    /// <summary>
    /// Registers the typed <see cref="OpenFgaHttpClient"/> (with the retry pipeline, per-attempt timeout and
    /// credentials handler), its options validated at start, and <see cref="OpenFgaBackend"/> as a singleton.
    /// </summary>
    /// <returns>The client's builder, for further handlers.</returns>
    public static IHttpClientBuilder AddOpenFgaHttpClient(this IServiceCollection services, Action<OpenFgaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenFgaClientOptions>().Configure(configure);
        return AddCore(services, OpenFgaClientOptions.SectionName);
    }

    /// <summary>
    /// Registers the typed <see cref="OpenFgaHttpClient"/> with options bound from <paramref name="section"/>
    /// (usually <c>configuration.GetSection("Fga")</c>); validation messages name keys under its path.
    /// </summary>
    public static IHttpClientBuilder AddOpenFgaHttpClient(this IServiceCollection services, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<OpenFgaClientOptions>().Bind(section);
        return AddCore(services, section.Path);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string sectionPath)
    {
        services.AddOptions<OpenFgaClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenFgaClientOptions>>(new OpenFgaClientOptionsValidator(sectionPath)));
        return AddClients(services);
    }

    /// <summary>
    /// Registers the clients without validating their options at start: for hosts that choose the backend from
    /// configuration and validate these options only when the OpenFGA backend is in use.
    /// </summary>
    internal static IHttpClientBuilder AddOpenFgaHttpClientWithoutStartValidation(this IServiceCollection services) =>
        AddClients(services);

    private static IHttpClientBuilder AddClients(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new ClientCredentialsTokenProvider(
            () => sp.GetRequiredService<IHttpClientFactory>().CreateClient(TokenHttpClientName),
            OptionsOf(sp).Credentials,
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => new OpenFgaBackend(sp.GetRequiredService<OpenFgaHttpClient>()));

        services.AddHttpClient(TokenHttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp => OpenFgaHttpClient.CreatePrimaryHandler(OptionsOf(sp)))
            .AddResilienceHandler("openfga-token", ConfigurePipeline);

        var builder = services
            .AddHttpClient(nameof(OpenFgaHttpClient))
            .AddTypedClient((http, sp) => new OpenFgaHttpClient(http, OptionsOf(sp), sp.GetRequiredService<TimeProvider>(), null))
            .ConfigureHttpClient((sp, http) =>
            {
                http.BaseAddress = OptionsOf(sp).ApiUrl;
                // Per-attempt timeouts live in the pipeline; a whole call may include retries and Retry-After waits.
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .ConfigurePrimaryHttpMessageHandler(sp => OpenFgaHttpClient.CreatePrimaryHandler(OptionsOf(sp)))
            // The primary handler recycles its connections itself, so the backend singleton may keep its client.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // Handlers run in the order added: retries outside, credentials inside, so every attempt gets a valid token.
        builder.AddResilienceHandler("openfga", ConfigurePipeline);
        builder.AddHttpMessageHandler(sp =>
        {
            var credentials = OptionsOf(sp).Credentials;
            return new OpenFgaCredentialsHandler(
                credentials,
                credentials.Method == OpenFgaCredentialsMethod.ClientCredentials ? sp.GetRequiredService<ClientCredentialsTokenProvider>() : null);
        });
        return builder;
    }

    private static void ConfigurePipeline(Polly.ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var timeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = timeProvider;
        builder.ConfigureTelemetry(new TelemetryOptions
        {
            LoggerFactory = context.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
            // A failed call reaches its caller as an exception, and a flush logs one warning per failed attempt: each
            // retry of the same request, with its stack trace, is detail for debug logs.
            SeverityProvider = static args => args.Event.Severity > ResilienceEventSeverity.Debug ? ResilienceEventSeverity.Debug : args.Event.Severity,
        });
        builder.AddOpenFgaStrategies(OptionsOf(context.ServiceProvider), timeProvider);
    }

    private static OpenFgaClientOptions OptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptions<OpenFgaClientOptions>>().Value;
}
