using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TypedFga.Runtime.Tests.OpenFga.Fakes;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (ephemeral port) that imitates the OpenFGA endpoints a test
/// configures, records every request, and can be told to fail the next requests to a route in a given way.
/// </summary>
internal sealed class FakeOpenFgaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, Func<RecordedRequest, Task<FakeResponse>>> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<FakeResponse>> _faults = new(StringComparer.Ordinal);

    private FakeOpenFgaServer(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    public static async Task<FakeOpenFgaServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(1));
        builder.Logging.ClearProviders();
        var server = new FakeOpenFgaServer(builder.Build());
        await server._app.StartAsync();
        server.BaseAddress = new Uri(server._app.Urls.Single());
        return server;
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path) =>
        Requests.Where(r => r.Method == method && r.Path == path).ToArray();

    public void Respond(string method, string path, FakeResponse response) => Respond(method, path, _ => response);

    public void Respond(string method, string path, Func<RecordedRequest, FakeResponse> responder) =>
        _routes[Key(method, path)] = request => Task.FromResult(responder(request));

    public void RespondAsync(string method, string path, Func<RecordedRequest, Task<FakeResponse>> responder) =>
        _routes[Key(method, path)] = responder;

    /// <summary>The next requests to the route get these answers, in order, before the configured responder.</summary>
    public void FailNext(string method, string path, params FakeResponse[] faults)
    {
        var queue = _faults.GetOrAdd(Key(method, path), _ => new ConcurrentQueue<FakeResponse>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string Key(string method, string path) => $"{method} {path}";

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? string.Empty,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        _requests.Enqueue(request);

        var key = Key(request.Method, request.Path);
        FakeResponse response;
        if (_faults.TryGetValue(key, out var faults) && faults.TryDequeue(out var fault))
        {
            response = fault;
        }
        else if (_routes.TryGetValue(key, out var responder))
        {
            response = await responder(request);
        }
        else
        {
            response = FakeResponse.Error(404, "undefined_endpoint", $"no route for {key}");
        }

        await WriteAsync(context, response);
    }

    private static async Task WriteAsync(HttpContext context, FakeResponse response)
    {
        switch (response.Behavior)
        {
            case FakeBehavior.DropConnection:
                context.Abort();
                return;
            case FakeBehavior.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up, which is what the test is waiting for.
                }

                return;
        }

        context.Response.StatusCode = response.Status;
        foreach (var (name, value) in response.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (response.Body is not null)
        {
            context.Response.ContentType = response.ContentType;
            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
    }
}

/// <summary>A request as the fake server received it.</summary>
internal sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

internal enum FakeBehavior
{
    Respond,
    DropConnection,
    Hang,
}

/// <summary>What the fake server answers.</summary>
internal sealed record FakeResponse(int Status, string? Body, string ContentType = "application/json", FakeBehavior Behavior = FakeBehavior.Respond)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static FakeResponse Json(string body, int status = 200) => new(status, body);

    public static FakeResponse Error(int status, string code, string message) =>
        new(status, JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = code, ["message"] = message }));

    public static FakeResponse Text(int status, string body, string contentType) => new(status, body, contentType);

    public static FakeResponse Drop() => new(0, null, Behavior: FakeBehavior.DropConnection);

    public static FakeResponse Hang() => new(0, null, Behavior: FakeBehavior.Hang);

    public FakeResponse WithHeader(string name, string value) =>
        this with { Headers = new Dictionary<string, string>(Headers) { [name] = value } };
}
