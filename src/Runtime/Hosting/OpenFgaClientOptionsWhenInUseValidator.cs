using Microsoft.Extensions.Options;
using TypedFga.OpenFga;

namespace TypedFga.Hosting;

/// <summary>
/// Checks the OpenFGA HTTP client's settings (<c>Fga:ApiUrl</c>, <c>Fga:Credentials</c>, ...) only when the
/// OpenFGA backend is in use, so an application on the embedded engine is not asked for a server URL.
/// </summary>
/// <remarks>
/// It depends on <see cref="FgaOptions"/>, never the other way round: the client's options are post-configured
/// from <see cref="FgaOptions"/>, and a cycle between the two would deadlock their first resolution.
/// </remarks>
public sealed class OpenFgaClientOptionsWhenInUseValidator(IOptions<FgaOptions> options) : IValidateOptions<OpenFgaClientOptions>
{
    private readonly OpenFgaClientOptionsValidator _inner = new(FgaOptions.SectionName);

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, OpenFgaClientOptions clientOptions) =>
        options.Value.ResolveBackend() == FgaBackendKind.OpenFga ? _inner.Validate(name, clientOptions) : ValidateOptionsResult.Skip;
}
