using TypedFga.Embedded;
using TypedFga.Embedded.Storage;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded.Concurrency;

/// <summary>The in-memory default: a private temporary WAL file per engine, gone after Dispose.</summary>
public sealed class InMemoryDatabaseTests
{
    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("")]
    [InlineData("Data Source=engine;Mode=Memory;Cache=Shared")]
    public void An_in_memory_database_is_a_temporary_file_deleted_on_dispose(string connectionString)
    {
        string file;
        using (var database = new FgaDatabase(connectionString, "NORMAL", idleReaders: 2, owner: typeof(EmbeddedOpenFga)))
        {
            file = database.Location.TemporaryFile!;
            Assert.Equal(Path.GetTempPath(), Path.GetDirectoryName(file) + Path.DirectorySeparatorChar);
            Assert.True(File.Exists(file));
            Assert.Equal("OFF", database.Location.Synchronous);
        }

        Assert.False(File.Exists(file));
        Assert.False(File.Exists(file + "-wal"));
        Assert.False(File.Exists(file + "-shm"));
    }

    [Fact]
    public void A_file_database_is_used_as_given()
    {
        var location = DatabaseLocation.Resolve("Data Source=/var/lib/app/fga.db", "FULL");
        Assert.Null(location.TemporaryFile);
        Assert.Equal("Data Source=/var/lib/app/fga.db", location.ConnectionString);
        Assert.Equal("FULL", location.Synchronous);
    }

    [Fact]
    public async Task Two_in_memory_engines_do_not_share_stores()
    {
        using var first = new EmbeddedOpenFga();
        using var second = new EmbeddedOpenFga();
        await first.CreateStoreAsync(new CreateStoreRequest { Name = "first" });

        Assert.Single((await first.ListStoresAsync()).Stores);
        Assert.Empty((await second.ListStoresAsync()).Stores);
    }
}
