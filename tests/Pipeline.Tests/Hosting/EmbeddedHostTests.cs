using TypedFga.Pipeline.Tests.Infrastructure;

namespace TypedFga.Pipeline.Tests.Hosting;

/// <summary>A host on the in-memory embedded engine (no server): its private outbox lives as long as the host.</summary>
public sealed class EmbeddedHostTests
{
    [Fact]
    public async Task The_private_outbox_of_the_in_memory_engine_is_deleted_when_the_host_is_disposed()
    {
        var host = PipelineHost.Build(new Dictionary<string, string?> { ["Fga:WriteBehind:FlushInterval"] = "01:00:00" });
        string path;
        await using (host)
        {
            await host.StartAsync();
            await host.Client.GrantAsync(new TupleKey("user:anne", "editor", "document:d"));
            Assert.True(await host.Client.CheckAsync(new CheckQuery("user:anne", "can_edit", "document:d")));
            path = host.Outbox.Location;
            Assert.StartsWith(Path.GetTempPath(), path, StringComparison.Ordinal);
            Assert.True(File.Exists(path));
        }

        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + "-wal"));
    }

    [Fact]
    public async Task A_configured_outbox_is_never_deleted()
    {
        using var folder = new TempFolder();
        var path = folder.File("kept.db");
        var host = PipelineHost.Build(new Dictionary<string, string?> { ["Fga:WriteBehind:Outbox"] = path });
        await using (host)
        {
            await host.StartAsync();
            await host.Client.GrantAsync(new TupleKey("user:anne", "editor", "document:d"));
        }

        Assert.True(File.Exists(path));
    }
}
