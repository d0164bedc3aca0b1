using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TypedFga.Backends;
using TypedFga.Flushing;
using TypedFga.Outbox;

namespace TypedFga.Runtime.Tests.Outbox;

/// <summary>An outbox file in a temporary folder, with a fake clock; deletes everything on dispose.</summary>
internal sealed class TempOutbox : IDisposable
{
    private readonly List<OutboxStore> _stores = [];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "typedfga-tests", Guid.NewGuid().ToString("N"));

    public TempOutbox(Action<WriteBehindOptions>? configure = null)
    {
        Options = new WriteBehindOptions { Outbox = Path.Combine(_directory, "outbox.db") };
        configure?.Invoke(Options);
        Store = OpenStore();
    }

    public static FgaConnection Connection { get; } = new("default", "01HSTORE0000000000000000000", "01HMODEL0000000000000000000");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public WriteBehindOptions Options { get; }

    public string FilePath => Options.Outbox!;

    /// <summary>The first store on the file.</summary>
    public SqliteOutboxStore Store { get; private set; }

    /// <summary>Another store on the same file, as a second process would open it.</summary>
    public SqliteOutboxStore OpenStore()
    {
        var store = new SqliteOutboxStore(Options.ResolveOutboxPath(), Options.Durability, Time);
        _stores.Add(store);
        return store;
    }

    /// <summary>Closes the first store and opens the file again, as a restarted process would.</summary>
    public SqliteOutboxStore Reopen()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        Store = OpenStore();
        return Store;
    }

    public OutboxFlusher CreateFlusher(IFgaBackend backend, OutboxStore? store = null) =>
        new(store ?? Store, backend, Microsoft.Extensions.Options.Options.Create(Options), Time);

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
