using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using TypedFga.Pipeline.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TypedFga.Pipeline.Tests.Packaging;

/// <summary>
/// The library as users get it: <c>dotnet pack</c> of the solution gives every package, and applications outside the
/// repository reference only those packages. One runs on the embedded engine; one talks to the packed, installed
/// <c>typedfga-server</c> and ships neither the engine nor ASP.NET Core; one is a web application with the operations
/// endpoints and status page. Slow (pack, restore, build), so each application is one test.
/// </summary>
[Collection(PackedSolutionCollection.Name)]
public sealed class PackedConsumerTests(PackedSolution packed, ITestOutputHelper log)
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void The_solution_packs_every_package_each_with_what_it_needs_and_no_more()
    {
        Assert.Equal(["TypedFga", "TypedFga.AspNetCore", "TypedFga.Cli", "TypedFga.Embedded", "TypedFga.PostgreSql", "TypedFga.Server"], packed.Feed.PackageIds);

        // The core: runtime, generator and analyzers, build props; neither the engine nor the web framework.
        var core = packed.Entries("TypedFga");
        Assert.Contains("lib/net10.0/TypedFga.dll", core);
        Assert.Contains("README.md", core);
        foreach (var compilerPart in new[] { "TypedFga.Generator.dll", "TypedFga.Analyzers.dll", "TypedFga.Analyzers.CodeFixes.dll" })
        {
            Assert.Contains("analyzers/dotnet/cs/" + compilerPart, core);
        }

        Assert.Contains(core, e => e.StartsWith("build/", StringComparison.Ordinal) && e.EndsWith("TypedFga.props", StringComparison.Ordinal));
        Assert.DoesNotContain(core, e => e.EndsWith("TypedFga.Embedded.dll", StringComparison.Ordinal));
        Assert.Empty(packed.FrameworkReferences("TypedFga"));
        Assert.DoesNotContain(packed.Dependencies("TypedFga"), id => id.StartsWith("TypedFga", StringComparison.Ordinal) || id is "Cel" or "Npgsql");

        // The libraries on top depend on the core's package of the same version, not on copies of its dependencies.
        Assert.Equal(["Cel", "Dapper", "Google.Protobuf", "Microsoft.Data.Sqlite", "TypedFga"], packed.Dependencies("TypedFga.Embedded"));
        Assert.Equal(["TypedFga"], packed.Dependencies("TypedFga.AspNetCore"));
        Assert.Equal(["Npgsql", "TypedFga"], packed.Dependencies("TypedFga.PostgreSql"));
        Assert.Equal(["Microsoft.AspNetCore.App"], packed.FrameworkReferences("TypedFga.AspNetCore"));

        // Each library's symbols travel beside it, for debuggers and symbol servers.
        foreach (var library in new[] { "TypedFga", "TypedFga.Embedded", "TypedFga.AspNetCore", "TypedFga.PostgreSql" })
        {
            using var symbols = System.IO.Compression.ZipFile.OpenRead(Path.ChangeExtension(packed.Feed.Package(library), ".snupkg"));
            Assert.Contains(symbols.Entries, e => e.FullName == $"lib/net10.0/{library}.pdb");
        }

        // The tools carry everything in tools/ and depend on nothing.
        foreach (var (tool, assembly) in new[] { ("TypedFga.Cli", "TypedFga.Cli.dll"), ("TypedFga.Server", "TypedFga.Embedded.dll") })
        {
            var entries = packed.Entries(tool);
            Assert.Contains($"tools/net10.0/any/{assembly}", entries);
            Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
            Assert.Contains("README.md", entries);
            Assert.Empty(packed.Dependencies(tool));
        }

        Assert.Contains("tools/net10.0/any/appsettings.json", packed.Entries("TypedFga.Server"));
        Assert.DoesNotContain(packed.Entries("TypedFga.Server"), e => e.StartsWith("content", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_application_on_the_embedded_engine_gets_its_typed_client_from_the_packed_generator()
    {
        var app = Consumer("embedded", "Microsoft.NET.Sdk", ["TypedFga", "TypedFga.Embedded"], """
            using Consumer;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Services.AddFga(Fga.Model);
            using var host = builder.Build();
            await host.StartAsync();
            await Fga.Document(1).Viewers.Grant(Fga.User("anne"));
            Console.WriteLine($"anne can view document 1: {await Fga.Document(1).Viewers.Check(Fga.User("anne"))}");
            Console.WriteLine($"bob can view document 1: {await Fga.Document(1).Viewers.Check(Fga.User("bob"))}");
            await host.StopAsync();
            """);

        var run = await RunAsync(DotnetProcess.Dotnet, ["run", "--project", app]);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        Assert.Contains("anne can view document 1: True", run.Output, StringComparison.Ordinal);
        Assert.Contains("bob can view document 1: False", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_worker_for_a_server_ships_neither_the_engine_nor_ASP_NET_Core_and_writes_to_the_installed_server()
    {
        var server = await packed.Feed.InstallToolAsync("TypedFga.Server", "typedfga-server");
        var app = Consumer("server", "Microsoft.NET.Sdk", ["TypedFga"], """
            using Consumer;
            using Microsoft.Extensions.Configuration;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;
            using TypedFga.OpenFga;

            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddEnvironmentVariables();
            if (builder.Configuration["Fga:ApiUrl"] is { } url)
            {
                using var setup = OpenFgaHttpClient.Create(new OpenFgaClientOptions { ApiUrl = new Uri(url) });
                var store = await setup.CreateStoreAsync("packed consumer");
                await setup.WriteAuthorizationModelAsync(Fga.Model.Json, store.Id);
                builder.Configuration["Fga:StoreId"] = store.Id;
                Console.WriteLine($"store: {store.Id}");
            }

            builder.Services.AddFga(Fga.Model);
            using var host = builder.Build();
            try
            {
                await host.StartAsync();
            }
            catch (Exception exception) when (exception is InvalidOperationException or Microsoft.Extensions.Options.OptionsValidationException)
            {
                Console.WriteLine(exception.Message);
                return;
            }

            await Fga.Document(1).Viewers.Grant(Fga.User("anne"));
            Console.WriteLine($"anne can view document 1: {await Fga.Document(1).Viewers.Check(Fga.User("anne"))}");
            await host.StopAsync();
            """);

        // Without Fga:ApiUrl and without the engine, the host says what is missing.
        var unconfigured = await RunAsync(DotnetProcess.Dotnet, ["run", "--project", app]);
        Assert.True(unconfigured.ExitCode == 0, unconfigured.Output + unconfigured.Error);
        Assert.Contains("No OpenFGA backend: set Fga:ApiUrl to an OpenFGA server, or reference the TypedFga.Embedded package", unconfigured.Output, StringComparison.Ordinal);

        var output = Path.Combine(app, "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "TypedFga.dll")));
        Assert.False(File.Exists(Path.Combine(output, "TypedFga.Embedded.dll")), "the worker ships the engine");
        Assert.False(File.Exists(Path.Combine(output, "Cel.dll")), "the worker ships CEL");
        Assert.False(File.Exists(Path.Combine(output, "Npgsql.dll")), "the worker on a file outbox ships Npgsql");
        var runtimeConfig = await File.ReadAllTextAsync(Path.Combine(output, "Consumer.runtimeconfig.json"));
        Assert.DoesNotContain("Microsoft.AspNetCore.App", runtimeConfig, StringComparison.Ordinal);

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        using var serverProcess = DotnetProcess.Start(server, ["--urls", address.ToString()], packed.NewFolder("server-run"));
        serverProcess.BeginOutputReadLine(); // read and dropped, so a full pipe never stalls the server
        try
        {
            using var http = new HttpClient { BaseAddress = address };
            await WaitUntilServingAsync(http, serverProcess);

            // Configured for the shared outbox without its package: the host says which package to add.
            var withoutPostgreSql = await RunAsync(DotnetProcess.Dotnet, ["run", "--project", app, "--no-build"], new()
            {
                ["Fga__ApiUrl"] = address.ToString(),
                ["Fga__WriteBehind__Store"] = "PostgreSql",
                ["Fga__WriteBehind__ConnectionString"] = "Host=127.0.0.1;Username=app",
            });
            Assert.True(withoutPostgreSql.ExitCode == 0, withoutPostgreSql.Output + withoutPostgreSql.Error);
            Assert.Contains("Store is PostgreSql: reference the TypedFga.PostgreSql package", withoutPostgreSql.Output, StringComparison.Ordinal);

            var run = await RunAsync(DotnetProcess.Dotnet, ["run", "--project", app, "--no-build"], new() { ["Fga__ApiUrl"] = address.ToString() });
            Assert.True(run.ExitCode == 0, run.Output + run.Error);
            Assert.Contains("anne can view document 1: True", run.Output, StringComparison.Ordinal);

            // The grant went through the outbox and was flushed at shutdown: the server holds it.
            var store = run.Output.Split('\n').Single(l => l.StartsWith("store: ", StringComparison.Ordinal))["store: ".Length..].Trim();
            using var read = await http.PostAsync($"/stores/{store}/read", new StringContent("{}", Encoding.UTF8, "application/json"));
            var tuples = JsonNode.Parse(await read.Content.ReadAsStringAsync())!["tuples"]!.AsArray();
            var key = Assert.Single(tuples)!["key"]!;
            Assert.Equal(("user:anne", "viewer", "document:1"), (key["user"]!.GetValue<string>(), key["relation"]!.GetValue<string>(), key["object"]!.GetValue<string>()));
        }
        finally
        {
            serverProcess.Kill(entireProcessTree: true);
            await serverProcess.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task A_web_application_maps_the_packed_operations_endpoints_and_status_page()
    {
        var app = Consumer("web", "Microsoft.NET.Sdk.Web", ["TypedFga", "TypedFga.Embedded", "TypedFga.AspNetCore"], """
            using Consumer;

            var builder = WebApplication.CreateBuilder(args);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration["Fga:WriteBehind:FlushInterval"] = "01:00:00";
            builder.Services.AddFga(Fga.Model);
            var app = builder.Build();
            app.MapPost("/documents/1/viewers/anne", async () =>
            {
                await Fga.Document(1).Viewers.Grant(Fga.User("anne"));
                return Results.NoContent();
            });
            app.MapFgaWriteBehind("/fga", o => o.AllowAnonymous = true);
            await app.StartAsync();

            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            (await http.PostAsync("/documents/1/viewers/anne", null)).EnsureSuccessStatusCode();
            Console.WriteLine($"status: {await http.GetStringAsync("/fga/status")}");
            var page = await http.GetStringAsync("/fga/");
            Console.WriteLine($"page: {page.Contains("<title>TypedFga write-behind</title>", StringComparison.Ordinal)}");
            Console.WriteLine($"script: {(await http.GetStringAsync("/fga/status-page.js")).Length > 0}");
            await app.StopAsync();
            """);

        var run = await RunAsync(DotnetProcess.Dotnet, ["run", "--project", app]);

        Assert.True(run.ExitCode == 0, run.Output + run.Error);
        var status = JsonNode.Parse(run.Output.Split('\n').Single(l => l.StartsWith("status: ", StringComparison.Ordinal))["status: ".Length..])!;
        Assert.Equal((1, 1), (status["writes"]!.GetValue<long>(), status["total"]!.GetValue<long>()));
        Assert.Contains("page: True", run.Output, StringComparison.Ordinal);
        Assert.Contains("script: True", run.Output, StringComparison.Ordinal);
    }

    private string Consumer(string name, string sdk, string[] packages, string program) =>
        ConsumerProject.Write(packed.NewFolder(name), sdk, packed.Feed.Folder, packed.Feed.Version, packages, program);

    private async Task<ProcessOutcome> RunAsync(string program, string[] args, Dictionary<string, string>? environment = null)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await DotnetProcess.RunAsync(program, args, packed.NewFolder("runs"), ProcessTimeout, environment);
        log.WriteLine($"{Path.GetFileName(program)} {string.Join(' ', args)}: exit {outcome.ExitCode} in {watch.Elapsed.TotalSeconds:F1} s");
        return outcome;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process server)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"typedfga-server exited with {server.ExitCode}: {await server.StandardError.ReadToEndAsync()}");
            }

            try
            {
                if ((await http.GetAsync("/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("typedfga-server did not answer /healthz within a minute.");
    }
}
