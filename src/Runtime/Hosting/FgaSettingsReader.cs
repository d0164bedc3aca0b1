using Microsoft.Extensions.Options;

namespace TypedFga.Hosting;

/// <summary>
/// Reads <see cref="FgaOptions"/> as bound and configured, without validating them. The other options that
/// derive from them (<c>Fga:WriteBehind</c>, the HTTP client's) use this, so that a mistake in the <c>Fga</c>
/// section does not stop their own validation: the start-up check reports every problem at once.
/// </summary>
internal sealed class FgaSettingsReader(
    IEnumerable<IConfigureOptions<FgaOptions>> setups,
    IEnumerable<IPostConfigureOptions<FgaOptions>> postConfigures)
{
    private readonly Lazy<FgaOptions> _options = new(() => new OptionsFactory<FgaOptions>(setups, postConfigures).Create(Microsoft.Extensions.Options.Options.DefaultName));

    public FgaOptions Settings => _options.Value;
}
