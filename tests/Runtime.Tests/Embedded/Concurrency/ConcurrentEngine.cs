using Microsoft.Data.Sqlite;
using TypedFga.Embedded;
using TypedFga.Wire;

namespace TypedFga.Tests.Embedded.Concurrency;

/// <summary>
/// An engine for concurrency tests, on the in-memory default or on a file of its own, with one store and a model
/// whose <c>viewer_only</c> is true only between the two halves of a write that changes viewer and editor together.
/// </summary>
internal sealed class ConcurrentEngine : IDisposable
{
    public const string Memory = "memory";
    public const string File = "file";

    /// <summary>How long a test waits for something that must happen, before it fails instead of hanging.</summary>
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private const string ModelJson = """
        {"schema_version":"1.1","type_definitions":[
          {"type":"user"},
          {"type":"document","relations":{
             "viewer":{"this":{}},
             "editor":{"this":{}},
             "viewer_only":{"difference":{"base":{"computedUserset":{"relation":"viewer"}},"subtract":{"computedUserset":{"relation":"editor"}}}}},
           "metadata":{"relations":{
             "viewer":{"directly_related_user_types":[{"type":"user"}]},
             "editor":{"directly_related_user_types":[{"type":"user"}]}}}}]}
        """;

    private readonly string? _directory;

    private ConcurrentEngine(EmbeddedOpenFga engine, string? directory, string storeId)
    {
        Engine = engine;
        _directory = directory;
        StoreId = storeId;
    }

    public EmbeddedOpenFga Engine { get; }

    /// <summary>
    /// Makes the next read stop inside the engine: <see cref="HeldRead.Inside"/> is set once it is there, and it goes
    /// on when <see cref="HeldRead.Release"/> is set. Later reads pass.
    /// </summary>
    public HeldRead HoldFirstRead()
    {
        var held = new HeldRead();
        var first = 0;
        Engine.WhileReading = () =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                held.Inside.Set();
                held.Release.Wait(Guard);
            }
        };
        return held;
    }

    public string StoreId { get; }

    public static async Task<ConcurrentEngine> CreateAsync(string database)
    {
        string? directory = null;
        var connectionString = "Data Source=:memory:";
        if (database == File)
        {
            directory = Path.Combine(Path.GetTempPath(), "typedfga-concurrency-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(directory);
            connectionString = $"Data Source={Path.Combine(directory, "fga.db")}";
        }

        var engine = new EmbeddedOpenFga(new EmbeddedOpenFgaOptions { ConnectionString = connectionString });
        var store = await engine.CreateStoreAsync(new CreateStoreRequest { Name = "concurrency" });
        await engine.WriteAuthorizationModelAsync(store.Id, ModelJson);
        return new ConcurrentEngine(engine, directory, store.Id);
    }

    public Task WriteAsync(IEnumerable<ApiTupleKey> writes, IEnumerable<ApiTupleKey> deletes) =>
        Engine.WriteAsync(StoreId, new WriteRequest
        {
            Writes = writes.Any() ? new WriteRequestWrites { TupleKeys = writes.ToList() } : null,
            Deletes = deletes.Any() ? new WriteRequestDeletes { TupleKeys = deletes.Select(t => new TupleKeyWithoutCondition { User = t.User, Relation = t.Relation, Object = t.Object }).ToList() } : null,
        });

    public async Task<bool> CheckAsync(string user, string relation, string @object) =>
        (await Engine.CheckAsync(StoreId, new CheckRequest { TupleKey = TupleKeyWithoutCondition.Of(user, relation, @object) })).Allowed;

    /// <summary>Runs <paramref name="body"/> on <paramref name="count"/> threads of their own and collects what they throw.</summary>
    public static Task[] OnThreads(int count, Action<int> body) =>
        Enumerable.Range(0, count)
            .Select(index => Task.Factory.StartNew(() => body(index), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();

    public void Dispose()
    {
        Engine.Dispose();
        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}

/// <summary>The signals of a read held inside the engine by <see cref="ConcurrentEngine.HoldFirstRead"/>.</summary>
internal sealed class HeldRead : IDisposable
{
    public ManualResetEventSlim Inside { get; } = new();

    public ManualResetEventSlim Release { get; } = new();

    public void Dispose()
    {
        Inside.Dispose();
        Release.Dispose();
    }
}
