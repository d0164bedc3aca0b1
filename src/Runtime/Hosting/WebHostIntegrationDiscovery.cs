namespace TypedFga.Hosting;

/// <summary>
/// Finds <c>TypedFga.AspNetCore</c> when the application references it, the same way
/// <see cref="EmbeddedEngineDiscovery"/> finds the engine: by name, so the core needs no reference to it.
/// </summary>
internal static class WebHostIntegrationDiscovery
{
    private const string IntegrationType = "TypedFga.AspNetCore.RequestScope.FgaWebHostIntegration, TypedFga.AspNetCore";

    /// <summary>The web integration, or null when the assembly is not there.</summary>
    public static IWebHostIntegration? Find() =>
        Type.GetType(IntegrationType, throwOnError: false) is { } type
            ? (IWebHostIntegration)Activator.CreateInstance(type, nonPublic: true)!
            : null;
}
