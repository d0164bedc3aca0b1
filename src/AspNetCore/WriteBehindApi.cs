using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using TypedFga.AspNetCore.Contracts;
using TypedFga.Flushing;
using TypedFga.Hosting;

namespace TypedFga.AspNetCore;

/// <summary>The JSON endpoints over <see cref="WriteBehindCache"/>.</summary>
internal static class WriteBehindApi
{
    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/status", StatusAsync);
        group.MapGet("/pending", PendingAsync);
        group.MapDelete("/pending", async ([FromServices] WriteBehindCache cache, CancellationToken cancellationToken) =>
            OperationsJson.Ok(new { cleared = await cache.ClearAsync(cancellationToken).ConfigureAwait(false) }));
        group.MapPost("/flush", FlushAsync);
        group.MapGet("/dead-letters", DeadLettersAsync);
        group.MapPost("/dead-letters/retry", async (
            [FromServices] WriteBehindCache cache, [FromQuery(Name = "sequence")] long[]? sequences, CancellationToken cancellationToken) =>
            OperationsJson.Ok(new { retried = await cache.RetryDeadLettersAsync(Selected(sequences), cancellationToken).ConfigureAwait(false) }));
        group.MapDelete("/dead-letters", async (
            [FromServices] WriteBehindCache cache, [FromQuery(Name = "sequence")] long[]? sequences, CancellationToken cancellationToken) =>
            OperationsJson.Ok(new { purged = await cache.PurgeDeadLettersAsync(Selected(sequences), cancellationToken).ConfigureAwait(false) }));
        group.MapGet("/history", History);
    }

    private static async Task<IResult> StatusAsync(
        [FromServices] WriteBehindCache cache, [FromServices] TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var pending = await cache.GetPendingCountAsync(cancellationToken).ConfigureAwait(false);
        var oldest = pending.Total == 0
            ? null
            : (await cache.GetPendingOperationsAsync(1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var deadLetters = await cache.GetDeadLetterCountAsync(cancellationToken).ConfigureAwait(false);
        var age = oldest is null ? TimeSpan.Zero : timeProvider.GetUtcNow() - oldest.EnqueuedAt;
        var last = cache.GetFlushHistory().LastFlush;
        return OperationsJson.Ok(new StatusResponse(
            pending.Writes,
            pending.Deletes,
            pending.Total,
            Math.Round(Math.Max(0, age.TotalSeconds), 1),
            oldest?.EnqueuedAt,
            deadLetters,
            last is null ? null : FlushSummary.Of(last)));
    }

    private static async Task<IResult> PendingAsync(
        [FromServices] WriteBehindCache cache, string? offset, string? limit, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.Parse(offset, limit);
        if (problem is not null)
        {
            return problem;
        }

        var total = (await cache.GetPendingCountAsync(cancellationToken).ConfigureAwait(false)).Total;
        var operations = await cache.GetPendingOperationsAsync(paging.Offset + paging.Limit, cancellationToken).ConfigureAwait(false);
        var items = operations.Skip(paging.Offset).Select(PendingItem.Of).ToList();
        return OperationsJson.Ok(new Page<PendingItem>(paging.Offset, paging.Limit, total, items));
    }

    private static async Task<IResult> DeadLettersAsync(
        [FromServices] WriteBehindCache cache, string? offset, string? limit, CancellationToken cancellationToken)
    {
        var (paging, problem) = Paging.Parse(offset, limit);
        if (problem is not null)
        {
            return problem;
        }

        var total = await cache.GetDeadLetterCountAsync(cancellationToken).ConfigureAwait(false);
        var letters = await cache.GetDeadLettersAsync(paging.Offset + paging.Limit, cancellationToken).ConfigureAwait(false);
        var items = letters.Skip(paging.Offset).Select(DeadLetterItem.Of).ToList();
        return OperationsJson.Ok(new Page<DeadLetterItem>(paging.Offset, paging.Limit, total, items));
    }

    private static async Task<IResult> FlushAsync(
        [FromServices] WriteBehindCache cache, [FromServices] TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // Timed here rather than read back from the history, where another flush may already have landed; the
        // time includes waiting for a flush that was running.
        var started = timeProvider.GetTimestamp();
        var result = await cache.FlushAsync(cancellationToken).ConfigureAwait(false);
        var entry = new FlushHistoryEntry(
            timeProvider.GetUtcNow(), timeProvider.GetElapsedTime(started), result, FlushHistoryEntry.OutcomeOf(result), Error: null);
        return OperationsJson.Ok(FlushSummary.Of(entry));
    }

    private static IResult History([FromServices] WriteBehindCache cache)
    {
        var history = cache.GetFlushHistory();
        return OperationsJson.Ok(new HistoryResponse(
            history.SampleInterval.TotalSeconds,
            history.LastFlush is null ? null : FlushSummary.Of(history.LastFlush),
            history.Flushes.Select(FlushSummary.Of).ToList(),
            history.Backlog.Select(s => new BacklogPoint(s.At, s.Pending, s.Sent, s.DeadLettered)).ToList()));
    }

    // No sequence in the query means all of them, as WriteBehindCache reads null.
    private static long[]? Selected(long[]? sequences) => sequences is { Length: > 0 } ? sequences : null;
}
