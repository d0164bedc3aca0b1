extern alias sample;

using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Server.Faults;
using static Microsoft.Playwright.Assertions;
using SampleProgram = sample::Program;

namespace TypedFga.Pipeline.Tests.EndToEnd;

/// <summary>
/// The sample's status page in headless Chromium: the sample on a real Kestrel port writing behind to the local
/// server, the page loaded as an operator would load it, its buttons pressed.
/// </summary>
public sealed class StatusPageBrowserTests(FgaServerFixture server) : IClassFixture<FgaServerFixture>, IDisposable
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    public void Dispose() => server.Faults.Reset();

    [BrowserFact]
    public async Task The_page_shows_the_backlog_flushes_it_and_retries_a_dead_letter()
    {
        Assert.True(File.Exists(BrowserFactAttribute.ChromiumPath), $"TYPEDFGA_REQUIRE_BROWSER=1, but there is no browser at {BrowserFactAttribute.ChromiumPath}.");
        var store = await server.CreateStoreAsync();
        using var folder = new TempFolder();
        await using var app = SampleOnKestrel(store, folder.File("outbox.db"));
        var root = app.ClientOptions.BaseAddress;
        using var http = new HttpClient { BaseAddress = root };
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("documents/roadmap/editors/anne", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("documents/spec/viewers/bob", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.DeleteAsync("documents/old/editors/carl")).StatusCode);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = WebSampleTests.OperatorKey },
            ViewportSize = new ViewportSize { Width = 1200, Height = 1100 },
        });
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };

        // The group's root without its slash redirects to the page.
        await page.GotoAsync(new Uri(root, "fga").ToString());
        Assert.EndsWith("/fga/", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("3");
        await Expect(page.Locator("#pending-writes")).ToHaveTextAsync("2");
        await Expect(page.Locator("#pending-deletes")).ToHaveTextAsync("1");
        await Expect(page.Locator("#dead-letter-count")).ToHaveTextAsync("0");
        await Expect(page.Locator("#pending tr")).ToHaveCountAsync(3);
        await Expect(page.Locator("#pending")).ToContainTextAsync("document:roadmap#editor@user:anne");

        await page.ClickAsync("#flush");
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("0");
        await Expect(page.Locator("#last-flush-outcome")).ToHaveTextAsync("succeeded");
        var firstFlush = page.Locator("#flushes tr").First;
        await Expect(firstFlush.Locator("td").Nth(1)).ToHaveTextAsync("3");
        await Expect(firstFlush.Locator("td").Nth(7)).ToHaveTextAsync("succeeded");
        Assert.Equal(["document:roadmap#editor@user:anne", "document:spec#viewer@user:bob"], await server.ReadTuplesAsync(store));

        // The server refuses the next write as bad input: the one pending tuple becomes a dead letter.
        server.Faults.FailNext(1, 400, "validation_error", "refused by the test server", IsWriteTo(store));
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync("documents/plan/editors/dora", null)).StatusCode);
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("1");
        await page.ClickAsync("#flush");
        await Expect(page.Locator("#dead-letter-count")).ToHaveTextAsync("1");
        await Expect(page.Locator("#last-flush-outcome")).ToHaveTextAsync("partly-failed");
        var letter = page.Locator("#dead-letters tr").First;
        await Expect(letter).ToContainTextAsync("document:plan#editor@user:dora");
        await Expect(letter).ToContainTextAsync("rejected");
        await Expect(letter).ToContainTextAsync("validation_error: refused by the test server");
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("0");

        await letter.Locator("button.retry").ClickAsync();
        await Expect(page.Locator("#dead-letter-count")).ToHaveTextAsync("0");
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("1");
        await page.ClickAsync("#flush");
        await Expect(page.Locator("#pending-total")).ToHaveTextAsync("0");
        await Expect(page.Locator("#dead-letters")).ToContainTextAsync("No dead letters.");
        Assert.Contains("document:plan#editor@user:dora", await server.ReadTuplesAsync(store));

        // The backlog samples (one every 5 s) draw the chart; wait for two, so that the screenshot shows a line.
        await page.WaitForFunctionAsync(
            "() => (document.querySelector('#chart polyline')?.getAttribute('points') ?? '').split(' ').length >= 2",
            null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("status-page.png"), FullPage = true });
        Assert.True(consoleErrors.Count == 0, string.Join(Environment.NewLine, consoleErrors));
    }

    private WebApplicationFactory<SampleProgram> SampleOnKestrel(string store, string outbox)
    {
        var factory = new WebApplicationFactory<SampleProgram>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Fga:Backend", "OpenFga");
            web.UseSetting("Fga:ApiUrl", server.BaseAddress.ToString());
            web.UseSetting("Fga:StoreId", store);
            web.UseSetting("Fga:MaxRetry", "0");
            web.UseSetting("Fga:WriteBehind:Outbox", outbox);
            web.UseSetting("Fga:WriteBehind:FlushInterval", "01:00:00");
            web.UseSetting("Fga:WriteBehind:PeriodicFlush", "");
            web.UseSetting("Logging:LogLevel:Default", "Warning");
            web.UseSetting("Sample:OperatorApiKey", WebSampleTests.OperatorKey);
        });
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        factory.ClientOptions.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return factory;
    }

    private static Func<Microsoft.AspNetCore.Http.HttpRequest, bool> IsWriteTo(string store) =>
        request => request.Path.Value == $"/stores/{store}/write";

    // TestResults/ at the repository's root, beside the TRX files of the run.
    private static string ScreenshotPath(string name)
    {
        var results = Path.Combine(DotnetProcess.RepositoryRoot(), "TestResults");
        Directory.CreateDirectory(results);
        return Path.Combine(results, name);
    }
}
