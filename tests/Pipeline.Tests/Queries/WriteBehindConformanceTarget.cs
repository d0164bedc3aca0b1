using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using TypedFga.Backends;
using TypedFga.Embedded;
using TypedFga.Embedded.Errors;
using TypedFga.Hosting;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Pipeline.Tests.Queries.Typed;
using TypedFga.Tests.Conformance;
using TypedFga.Typed;
using TypedFga.Wire;

namespace TypedFga.Pipeline.Tests.Queries;

/// <summary>
/// Runs the conformance assertions through the runtime's client with write-behind on: a stage's tuples are granted
/// and stay pending in the outbox (no flush is triggered), so every Check, ListObjects and ListUsers must read them
/// as this process's own writes. Each stage gets a host built with its model (the client's relevance rules come from
/// it); the previous stage's host flushes before it goes, so earlier stages' tuples are in OpenFGA, as after a flush.
/// Without a server the hosts share one embedded engine on a file, which holds the stores as a server would.
/// In typed mode list-objects and list-users go through the stage model's generated client where it can express
/// them (see <see cref="TypedQueryDriver"/>), the others through the untyped client; checks always go untyped.
/// </summary>
public sealed class WriteBehindConformanceTarget : IConformanceTarget, IAsyncDisposable
{
    private readonly FgaServerFixture? _server;
    private readonly TempFolder? _engineFolder;
    private readonly EmbeddedOpenFga _engine;
    private readonly TypedQueryDriver? _typed;
    private PipelineHost? _host;

    public WriteBehindConformanceTarget(FgaServerFixture? server)
        : this(server, typed: null)
    {
    }

    internal WriteBehindConformanceTarget(FgaServerFixture? server, TypedQueryDriver? typed)
    {
        _server = server;
        _typed = typed;
        if (server is not null)
        {
            _engine = server.Engine;
            return;
        }

        _engineFolder = new TempFolder();
        _engine = new EmbeddedOpenFga(new EmbeddedOpenFgaOptions { ConnectionString = $"Data Source={EngineFile}" });
    }

    private string EngineFile => _engineFolder!.File("engine.db");

    /// <summary>The operations that were still pending when the assertions ran, summed over every stage.</summary>
    public long PendingWhenAsked { get; private set; }

    public async Task<string> CreateStoreAsync(string name) =>
        (await _engine.CreateStoreAsync(new CreateStoreRequest { Name = name })).Id;

    public async Task<TargetResult<string>> WriteModelAsync(string storeId, string modelJson)
    {
        string modelId;
        try
        {
            modelId = (await _engine.WriteAuthorizationModelAsync(storeId, modelJson)).AuthorizationModelId;
        }
        catch (FgaEngineException e)
        {
            return TargetResult<string>.Error((int)e.ErrorCode, e.ServerMessage);
        }

        await StartStageAsync(storeId, modelJson, modelId);
        _typed?.StartStage(modelJson, _host!.Client);
        return TargetResult<string>.Ok(modelId);
    }

    public async Task WriteTuplesAsync(string storeId, string modelId, IReadOnlyList<ConformanceTuple> tuples)
    {
        foreach (var tuple in tuples)
        {
            await _host!.Client.GrantAsync(ToTuple(tuple));
        }
    }

    public async Task<TargetResult<bool>> CheckAsync(string storeId, string modelId, ConformanceTuple tuple, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        await CountPendingAsync();
        return await Call(async () => await _host!.Client.CheckAsync(
            new CheckQuery(tuple.User, tuple.Relation, tuple.Object, ToContext(context), contextualTuples.Select(ToTuple).ToList())));
    }

    public async Task<TargetResult<IReadOnlyList<string>>> ListObjectsAsync(
        string storeId, string modelId, string user, string type, string relation, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        await CountPendingAsync();
        if (_typed?.ListObjectsCall(type, relation, user, ToContext(context), contextualTuples.Select(ToTuple).ToList()) is { } typedCall)
        {
            return await CallTyped(typedCall);
        }

        return await Call(async () => await _host!.Client.ListObjectsAsync(
            new ListObjectsQuery(type, relation, user, ToContext(context), contextualTuples.Select(ToTuple).ToList())));
    }

    public async Task<TargetResult<IReadOnlyList<string>>> ListUsersAsync(
        string storeId, string modelId, string @object, string relation, string filter, IReadOnlyList<ConformanceTuple> contextualTuples, JsonObject? context)
    {
        await CountPendingAsync();
        if (_typed?.ListUsersCall(@object, relation, filter, ToContext(context), contextualTuples.Select(ToTuple).ToList()) is { } typedCall)
        {
            return await CallTyped(typedCall);
        }

        return await Call(async () => await _host!.Client.ListUsersAsync(
            new ListUsersQuery(@object, relation, filter, ToContext(context), contextualTuples.Select(ToTuple).ToList())));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_server is null)
        {
            _engine.Dispose();
            _engineFolder!.Dispose();
        }
    }

    // A new host per stage, on the stage's model; the previous one flushes what it left pending first.
    private async Task StartStageAsync(string storeId, string modelJson, string modelId)
    {
        if (_host is not null)
        {
            await _host.Cache.FlushAsync();
            await _host.DisposeAsync();
            _host = null;
        }

        var folder = new TempFolder();
        var settings = _server is not null
            ? PipelineHost.Settings(_server, storeId, folder.File("outbox.db"))
            : new Dictionary<string, string?>
            {
                ["Fga:Backend"] = "Embedded",
                ["Fga:Embedded:Database"] = EngineFile,
                ["Fga:StoreId"] = storeId,
                ["Fga:WriteBehind:Outbox"] = folder.File("outbox.db"),
            };
        settings["Fga:AuthorizationModelId"] = modelId;
        settings["Fga:WriteBehind:BatchSize"] = "1000000";
        settings["Fga:WriteBehind:FlushInterval"] = "01:00:00";
        settings["Fga:WriteBehind:FlushOnShutdown"] = "false";
        // Registered after AddFga's own engine, so the host resolves the shared one (and does not dispose it).
        Action<IServiceCollection>? shareEngine = _server is null ? services => services.AddSingleton(_engine) : null;
        _host = PipelineHost.Build(settings, shareEngine, ownedFolder: folder, model: new FgaModelInfo(modelJson, []));
        await _host.StartAsync();
    }

    private async Task CountPendingAsync() => PendingWhenAsked += (await _host!.Cache.GetPendingCountAsync()).Total;

    private static TupleKey ToTuple(ConformanceTuple tuple) => new(
        tuple.User,
        tuple.Relation,
        tuple.Object,
        tuple.ConditionName is null ? null : new RelationshipCondition(tuple.ConditionName, ToContext(tuple.ConditionContext)));

    private static Dictionary<string, object?>? ToContext(JsonObject? context) =>
        context?.ToDictionary(pair => pair.Key, pair => (object?)pair.Value?.DeepClone());

    private static async Task<TargetResult<T>> Call<T>(Func<Task<T>> call)
    {
        try
        {
            return TargetResult<T>.Ok(await call());
        }
        catch (FgaEngineException e)
        {
            return TargetResult<T>.Error((int)e.ErrorCode, e.ServerMessage);
        }
        catch (FgaApiException e)
        {
            return TargetResult<T>.Error(ConformanceErrorCodes.FromName(e.Code), $"HTTP {(int)e.StatusCode} {e.Code}: {e.ServerMessage}");
        }
    }

    // A typed value that does not fit its kind is a wrong answer of the typed layer: reported as a failed assertion.
    private static async Task<TargetResult<IReadOnlyList<string>>> CallTyped(Func<Task<TypedAnswer>> call)
    {
        try
        {
            return await Call(async () => (await call()).ToStrings());
        }
        catch (FormatException e)
        {
            return TargetResult<IReadOnlyList<string>>.Error(-1, "the typed API refused the answer: " + e.Message);
        }
    }
}
