using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TypedFga.AspNetCore;
using TypedFga.Hosting;

namespace TypedFga.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A web application on an in-process test server with AddFga on the embedded engine, an outbox in a temporary
/// folder, no automatic flushes, a header authentication scheme, and the endpoints mapped with the given options.
/// </summary>
public sealed class OperationsApp : IAsyncDisposable
{
    /// <summary>The policy <see cref="OperatorHeader"/> callers with the value <c>operator</c> satisfy.</summary>
    public const string OperatorPolicy = "FgaOperators";

    /// <summary>Names the caller's role; callers without it are anonymous.</summary>
    public const string OperatorHeader = "X-Test-Role";

    private readonly WebApplication _app;
    private readonly string _folder;

    private OperationsApp(WebApplication app, string folder)
    {
        _app = app;
        _folder = folder;
        Http = app.GetTestClient();
    }

    public HttpClient Http { get; }

    public FgaClient Client => _app.Services.GetRequiredService<FgaClient>();

    public WriteBehindCache Cache => _app.Services.GetRequiredService<WriteBehindCache>();

    public static Task<OperationsApp> StartAnonymousAsync(string? pathBase = null) =>
        StartAsync(o => o.AllowAnonymous = true, pathBase);

    public static async Task<OperationsApp> StartAsync(Action<FgaWriteBehindEndpointOptions>? configure, string? pathBase = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "typedfga-aspnetcore-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseTestServer();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Fga:Backend"] = "Embedded",
            ["Fga:WriteBehind:Enabled"] = "true",
            ["Fga:WriteBehind:Outbox"] = Path.Combine(folder, "outbox.db"),
            ["Fga:WriteBehind:BatchSize"] = "10000",
            ["Fga:WriteBehind:FlushInterval"] = "01:00:00",
            ["Fga:WriteBehind:PeriodicFlush"] = "",
            ["Fga:WriteBehind:FlushOnShutdown"] = "false",
        });
        builder.Services.AddFga(Fga.Model);
        builder.Services.AddAuthentication(RoleHeaderAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, RoleHeaderAuthenticationHandler>(RoleHeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(o => o.AddPolicy(OperatorPolicy, p => p.RequireRole("operator")));

        var app = builder.Build();
        if (pathBase is not null)
        {
            app.UsePathBase(pathBase);
        }

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapFgaWriteBehind("/fga", configure);
        await app.StartAsync();
        return new OperationsApp(app, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Still open elsewhere in the process; the system cleans its temporary folder.
        }
    }

    /// <summary>A request as an operator, a caller in another role, or (null) an anonymous one.</summary>
    public static HttpRequestMessage As(string? role, HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        if (role is not null)
        {
            request.Headers.Add(OperatorHeader, role);
        }

        return request;
    }
}
