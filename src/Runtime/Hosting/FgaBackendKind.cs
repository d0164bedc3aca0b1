namespace TypedFga.Hosting;

/// <summary>Which OpenFGA service the runtime talks to.</summary>
public enum FgaBackendKind
{
    /// <summary>
    /// The default: <see cref="OpenFga"/> when <c>Fga:ApiUrl</c> is set, otherwise <see cref="Embedded"/>.
    /// </summary>
    Auto = 0,

    /// <summary>The in-process OpenFGA-compatible engine: no server needed.</summary>
    Embedded = 1,

    /// <summary>An OpenFGA server over its HTTP API (<c>Fga:ApiUrl</c>).</summary>
    OpenFga = 2,
}
