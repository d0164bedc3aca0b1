using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TypedFga.Hosting;
using TypedFga.Tests;
using TypedFga.Typed;

namespace TypedFga.AspNetCore.Tests;

/// <summary>
/// Referencing this package is enough for every web request's generated calls to go to its own host's client, even
/// when another host in the process started later and owns the process default.
/// </summary>
[Collection(DefaultClientCollection.Name)]
public sealed class RequestScopeTests
{
    [Fact]
    public async Task Generated_calls_in_a_request_use_the_host_that_serves_it_not_the_host_started_last()
    {
        await using var first = await StartHostAsync("first");
        await using var second = await StartHostAsync("second");
        Assert.Same(second.Services.GetRequiredService<FgaClient>(), FgaClientContext.Current);

        var granted = await first.GetTestClient().PostAsync("/documents/d1/editors/anne", content: null);
        Assert.Equal(System.Net.HttpStatusCode.NoContent, granted.StatusCode);

        var query = new CheckQuery("user:anne", "editor", "document:d1");
        Assert.True(await first.Services.GetRequiredService<FgaClient>().CheckAsync(query));
        Assert.False(await second.Services.GetRequiredService<FgaClient>().CheckAsync(query));
        Assert.Equal("first", await (await first.GetTestClient().GetAsync("/whose")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_generic_host_that_references_the_package_starts_and_keeps_the_process_default()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Fga:Backend"] = "Embedded" });
        builder.Services.AddFga(Fga.Model);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            // The startup filter is registered, and a host without a web server never runs it.
            Assert.Contains(host.Services.GetServices<IStartupFilter>(), f => f.GetType().Name == "FgaClientScopeStartupFilter");
            Assert.Same(host.Services.GetRequiredService<FgaClient>(), FgaClientContext.Current);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<WebApplication> StartHostAsync(string name)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "Embedded",
            ["Fga:WriteBehind:Enabled"] = "true",
            ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
            ["Fga:WriteBehind:FlushOnShutdown"] = "false",
        });
        builder.Services.AddFga(Fga.Model);
        var app = builder.Build();
        app.MapPost("/documents/{id}/editors/{user}", async (string id, string user) =>
        {
            await Fga.Document(id).Editors.Grant(Fga.User(user));
            return Results.NoContent();
        });
        app.MapGet("/whose", (FgaClient own) => ReferenceEquals(FgaClientContext.Current, own) ? name : "another host's");
        await app.StartAsync();
        return app;
    }
}
