namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>
/// A test that drives the system's Chromium (<see cref="ChromiumPath"/>): skipped, saying why, on a machine without
/// it, unless <c>TYPEDFGA_REQUIRE_BROWSER=1</c> asks for it, as CI does, where its absence fails the test.
/// </summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    /// <summary>Debian's chromium package; Playwright never downloads a browser of its own here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public BrowserFactAttribute()
    {
        if (!File.Exists(ChromiumPath) && !Required)
        {
            Skip = $"No browser at {ChromiumPath} (apt-get install chromium); set TYPEDFGA_REQUIRE_BROWSER=1 to fail instead of skipping.";
        }
    }

    /// <summary>True when the environment demands the browser tests run.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("TYPEDFGA_REQUIRE_BROWSER") == "1";
}
