using TypedFga.Hosting;

namespace WebSample.Endpoints;

/// <summary>Operating write-behind: what is pending, flush, clear, dead letters.</summary>
internal static class WriteBehindEndpoints
{
    public static void MapWriteBehindEndpoints(this IEndpointRouteBuilder app)
    {
        var fga = app.MapGroup("/fga");

        fga.MapGet("/status", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
        {
            var pending = await cache.GetPendingCountAsync(cancellationToken);
            var deadLetters = await cache.GetDeadLettersAsync(cancellationToken: cancellationToken);
            return Results.Ok(new { pending.Writes, pending.Deletes, pending.Total, deadLetters = deadLetters.Count });
        });

        fga.MapGet("/pending", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(await cache.GetPendingOperationsAsync(cancellationToken: cancellationToken)));

        fga.MapPost("/flush", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(await cache.FlushAsync(cancellationToken)));

        fga.MapDelete("/pending", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(new { cleared = await cache.ClearAsync(cancellationToken) }));

        fga.MapGet("/dead-letters", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(await cache.GetDeadLettersAsync(cancellationToken: cancellationToken)));

        fga.MapPost("/dead-letters/retry", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(new { retried = await cache.RetryDeadLettersAsync(cancellationToken: cancellationToken) }));

        fga.MapDelete("/dead-letters", async (WriteBehindCache cache, CancellationToken cancellationToken) =>
            Results.Ok(new { purged = await cache.PurgeDeadLettersAsync(cancellationToken: cancellationToken) }));
    }
}
