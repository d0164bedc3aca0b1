using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Server.Faults;

namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>
/// One real Kestrel server on 127.0.0.1 and a free port, with an in-memory datastore and a scripted fault
/// injector, shared by the tests of a class.
/// </summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    /// <summary>The faults the tests queue; empty unless a test adds some.</summary>
    public ScriptedFaultInjector Faults { get; } = new();

    /// <summary>Requests and answers seen by the server, for contract checks.</summary>
    public TrafficRecorder Traffic { get; } = new();

    /// <summary>The server's root address, with a trailing slash.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A plain client for the server.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The server's services, to inspect registrations.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>Extra command-line arguments of the server.</summary>
    protected virtual IEnumerable<string> Arguments => [];

    public async Task InitializeAsync()
    {
        string[] args = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. Arguments];
        _app = ServerHost.Build(args, services =>
        {
            services.AddSingleton<IFaultInjector>(Faults);
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(Traffic);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    /// <summary>Sends a request with an optional raw JSON body.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, string? json = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer((int)response.StatusCode, text, response.Headers, response.Content.Headers.ContentType?.MediaType);
    }

    public Task<ApiAnswer> PostAsync(string path, string json, string? bearer = null) => SendAsync(HttpMethod.Post, path, json, bearer);

    public Task<ApiAnswer> GetAsync(string path, string? bearer = null) => SendAsync(HttpMethod.Get, path, bearer: bearer);

    /// <summary>Creates a store and writes a model given as JSON; returns their ids.</summary>
    public async Task<(string StoreId, string ModelId)> CreateStoreWithModelAsync(string modelJson, string name = "test-store", string? bearer = null)
    {
        var store = await PostAsync("stores", $$"""{"name":"{{name}}"}""", bearer);
        Assert.Equal(201, store.Status);
        var storeId = store.Json!["id"]!.GetValue<string>();
        var model = await PostAsync($"stores/{storeId}/authorization-models", modelJson, bearer);
        Assert.Equal(201, model.Status);
        return (storeId, model.Json!["authorization_model_id"]!.GetValue<string>());
    }
}

/// <summary>A server's answer: status, body (parsed when it is JSON), headers.</summary>
public sealed record ApiAnswer(int Status, string Body, HttpResponseHeaders Headers, string? MediaType)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The <c>code</c> of an error body.</summary>
    public string? Code => Json?["code"]?.GetValue<string>();

    /// <summary>The <c>message</c> of an error body.</summary>
    public string? Message => Json?["message"]?.GetValue<string>();

    public override string ToString() => $"{Status} {Body}";
}
