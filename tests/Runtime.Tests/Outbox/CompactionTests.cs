using TypedFga.Backends;
using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Outbox;

/// <summary>Compaction hands back the space of a drained backlog and keeps what is still pending.</summary>
public sealed class CompactionTests
{
    private const int Backlog = 5_000;

    private static TupleKey Tuple(int i) => new($"user:u{i}", "viewer", $"document:{i}");

    [Fact]
    public async Task The_space_of_a_drained_backlog_is_handed_back_and_pending_operations_stay()
    {
        using var outbox = new TempOutbox();
        await FillAndDrainAsync(outbox);
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple(-1));
        var before = FileBytes(outbox.FilePath);

        var reclaimed = await outbox.Store.CompactAsync();

        Assert.InRange(reclaimed, before / 2, before);
        Assert.True(FileBytes(outbox.FilePath) < before / 2, $"{FileBytes(outbox.FilePath)} bytes left of {before}");
        var left = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal(Tuple(-1), left.Tuple);
        Assert.Equal(0, await outbox.Store.CompactAsync() / 4096);
    }

    [Fact]
    public async Task Dead_letters_and_operations_in_flight_survive_compaction()
    {
        using var outbox = new TempOutbox();
        var backend = new FakeFgaBackend();
        backend.Reject("user:u1", "viewer", "document:1", "not allowed");
        await FillAndDrainAsync(outbox, backend, deadLettered: 1);
        await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple(-2));
        var claimed = Assert.Single(await outbox.OpenStore().ClaimAsync("elsewhere/1/1/x/1", 10, long.MaxValue, TimeSpan.FromMinutes(1)));

        await outbox.Store.CompactAsync();

        Assert.Equal(Tuple(1), Assert.Single(await outbox.Store.GetDeadLettersAsync()).Tuple);
        var inFlight = Assert.Single(await outbox.Store.GetPendingOperationsAsync());
        Assert.Equal((claimed.Sequence, true), (inFlight.Sequence, inFlight.InFlight));
    }

    private static async Task FillAndDrainAsync(TempOutbox outbox, FakeFgaBackend? backend = null, int deadLettered = 0)
    {
        for (var i = 0; i < Backlog; i++)
        {
            await outbox.Store.GrantAsync(TempOutbox.Connection, Tuple(i));
        }

        var result = await outbox.CreateFlusher(backend ?? new FakeFgaBackend()).FlushAsync();
        Assert.Equal((Backlog - deadLettered, deadLettered), (result.Writes, result.DeadLettered));
    }

    private static long FileBytes(string path) =>
        new FileInfo(path).Length + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
}
