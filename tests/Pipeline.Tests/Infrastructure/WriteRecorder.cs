using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>One Write request as the server received it.</summary>
/// <param name="StoreId">The store in the route.</param>
/// <param name="Writes">The tuples to write, as <c>object#relation@user</c>.</param>
/// <param name="Deletes">The tuples to delete, as <c>object#relation@user</c>.</param>
public sealed record RecordedWrite(string StoreId, IReadOnlyList<string> Writes, IReadOnlyList<string> Deletes);

/// <summary>
/// Server middleware that records every Write request that reaches the API (requests an injected fault answers
/// never get this far; <c>ScriptedFaultInjector.Injected</c> counts those), tracks how many are in flight per
/// store, and can simulate a crash after the server applied a write but before its answer reached the client.
/// </summary>
public sealed class WriteRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<RecordedWrite> _writes = new();
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxInFlight = new(StringComparer.Ordinal);
    private int _dropAfterApply;

    /// <summary>Every Write request that reached the API so far, in arrival order.</summary>
    public IReadOnlyList<RecordedWrite> All => _writes.ToList();

    /// <summary>The Write requests for <paramref name="storeId"/> that reached the API.</summary>
    public IReadOnlyList<RecordedWrite> For(string storeId) => _writes.Where(w => w.StoreId == storeId).ToList();

    /// <summary>The most Write requests that were in flight at once for <paramref name="storeId"/>.</summary>
    public int MaxConcurrency(string storeId) => _maxInFlight.GetValueOrDefault(storeId);

    /// <summary>
    /// The next <paramref name="count"/> Write requests are applied by the server, then the connection is cut
    /// before any answer leaves: the client cannot tell whether they were applied.
    /// </summary>
    public void DropAnswersAfterApplying(int count) => Interlocked.Exchange(ref _dropAfterApply, count);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path.Value ?? "";
        if (!HttpMethods.IsPost(context.Request.Method) || !path.EndsWith("/write", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var storeId = path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1];
        context.Request.EnableBuffering();
        var body = await JsonNode.ParseAsync(context.Request.Body);
        context.Request.Body.Position = 0;
        _writes.Enqueue(new RecordedWrite(storeId, Keys(body?["writes"]), Keys(body?["deletes"])));

        var current = _inFlight.AddOrUpdate(storeId, 1, (_, n) => n + 1);
        _maxInFlight.AddOrUpdate(storeId, current, (_, max) => Math.Max(max, current));
        try
        {
            if (TryTakeDrop())
            {
                // The answer goes nowhere; the connection is cut once the server has applied the write.
                context.Response.Body = new MemoryStream();
                await next(context);
                context.Abort();
                return;
            }

            await next(context);
        }
        finally
        {
            _inFlight.AddOrUpdate(storeId, 0, (_, n) => n - 1);
        }
    }

    private bool TryTakeDrop()
    {
        while (true)
        {
            var left = Volatile.Read(ref _dropAfterApply);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _dropAfterApply, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    private static List<string> Keys(JsonNode? section) =>
        section?["tuple_keys"]?.AsArray()
            .Select(k => $"{k!["object"]}#{k["relation"]}@{k["user"]}")
            .ToList() ?? [];
}
