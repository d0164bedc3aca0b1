using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TypedFga.Server.Tests.Infrastructure;

/// <summary>One request the server saw and what it answered.</summary>
public sealed record RecordedExchange(string Method, string Path, string RequestBody, int Status, string ResponseBody);

/// <summary>
/// Records every exchange at the front of the server's pipeline, so tests can check what official clients
/// send and what the server answers against OpenFGA's Swagger document.
/// </summary>
public sealed class TrafficRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<RecordedExchange> _exchanges = new();

    public IReadOnlyList<RecordedExchange> Exchanges => _exchanges.ToArray();

    public void Clear() => _exchanges.Clear();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, inner) =>
        {
            context.Request.EnableBuffering();
            var original = context.Response.Body;
            using var captured = new MemoryStream();
            context.Response.Body = captured;
            try
            {
                await inner(context);
            }
            finally
            {
                context.Response.Body = original;
                captured.Position = 0;
                if (!context.RequestAborted.IsCancellationRequested)
                {
                    await captured.CopyToAsync(original);
                }

                _exchanges.Enqueue(new RecordedExchange(
                    context.Request.Method, context.Request.Path.Value ?? "", await ReadRequestBodyAsync(context.Request), context.Response.StatusCode, Encoding.UTF8.GetString(captured.ToArray())));
            }
        });
        next(app);
    };

    /// <summary>The request body as the server read it; empty when the server refused to read it (too large).</summary>
    private static async Task<string> ReadRequestBodyAsync(HttpRequest request)
    {
        try
        {
            request.Body.Position = 0;
            return await new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true).ReadToEndAsync();
        }
        catch (BadHttpRequestException)
        {
            return "";
        }
    }
}
