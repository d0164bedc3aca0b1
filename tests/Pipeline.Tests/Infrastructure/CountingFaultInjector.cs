using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using TypedFga.Server.Faults;

namespace TypedFga.Pipeline.Tests.Infrastructure;

/// <summary>
/// The server's fault injector in these tests: counts every Write request per store as it arrives, then lets the
/// scripted plan decide its fate.
/// </summary>
public sealed class CountingFaultInjector(ScriptedFaultInjector plan) : IFaultInjector
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>Write requests that arrived for <paramref name="storeId"/>, failed by a fault or not.</summary>
    public int WriteAttempts(string storeId) => _attempts.GetValueOrDefault(storeId);

    public Fault? Next(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (HttpMethods.IsPost(context.Request.Method) && path.EndsWith("/write", StringComparison.Ordinal))
        {
            _attempts.AddOrUpdate(path.Split('/', StringSplitOptions.RemoveEmptyEntries)[1], 1, (_, n) => n + 1);
        }

        return plan.Next(context);
    }
}
