namespace TypedFga.Hosting;

/// <summary>
/// Finds the embedded engine when the application references <c>TypedFga.Embedded</c>. An application that talks to an
/// OpenFGA server references only <c>TypedFga</c> and ships neither the engine nor its CEL dependency; one without a
/// server references the engine package and gets it with no more than <c>AddFga</c>.
/// </summary>
internal static class EmbeddedEngineDiscovery
{
    private const string RegistrationType = "TypedFga.Embedded.EmbeddedEngineRegistration, TypedFga.Embedded";

    /// <summary>The message of a host that has neither a server nor the engine.</summary>
    public const string NoBackendMessage =
        "No OpenFGA backend: set Fga:ApiUrl to an OpenFGA server, or reference the TypedFga.Embedded package to run the embedded engine.";

    /// <summary>The engine's registration, or null when the assembly is not there.</summary>
    public static IEmbeddedEngineRegistration? Find() =>
        Type.GetType(RegistrationType, throwOnError: false) is { } type
            ? (IEmbeddedEngineRegistration)Activator.CreateInstance(type, nonPublic: true)!
            : null;
}
