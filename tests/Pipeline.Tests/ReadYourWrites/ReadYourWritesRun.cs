using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TypedFga.Diagnostics;
using TypedFga.Embedded;
using TypedFga.Hosting;
using TypedFga.Pipeline.Tests.Infrastructure;
using TypedFga.Wire;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>What one randomized run did and found.</summary>
public sealed class RunReport
{
    public int Grants;
    public int Revokes;
    public int Checks;
    public int Lists;
    public int ListedAnswers;
    public int Flushes;
    public int Expiries;
    public int Verified;
    public int FalseDenials;
    public int StaleAllows;
    public int Unverifiable;
    public int CachedAnswers;
    public int QuiescentChecks;
    public int Quiescences;

    /// <summary>The checks that broke the snapshot rule, counted by kind and by how the client's trace says it answered.</summary>
    public SortedDictionary<string, int> ViolationsByPath { get; } = new(StringComparer.Ordinal);

    /// <summary>Checks that broke the snapshot rule, described.</summary>
    public List<string> Violations { get; } = [];

    /// <summary>Disagreements at quiescent points: the reference against the engine, the client or the stored tuples.</summary>
    public List<string> Disagreements { get; } = [];

    public int Operations => Grants + Revokes + Checks + Lists + Flushes + Expiries;
}

/// <summary>
/// Four callers make random grants, revokes, checks, flushes and (with the check cache on) cache expiries against a
/// host on the embedded engine; every tuple has one writer, and the checks range over the whole universe. Three
/// callers mix everything; the fourth hammers grants and revokes of the same relations on objects of its own. After
/// every round the callers stop, everything is flushed, and the reference is checked against the engine.
/// </summary>
public sealed class ReadYourWritesRun
{
    public const int Callers = 4;
    private const int Hammer = Callers - 1;
    private const string CachedStep = "answered from the cache";
    private const string ListedObjectsPath = "answered by a ListObjects";
    private const string ListedUsersPath = "answered by a ListUsers";
    private const string RunSourceName = "TypedFga.Pipeline.Tests.ReadYourWrites";
    private static readonly TimeSpan CacheTtl = TimeSpan.FromSeconds(1);
    private static readonly ActivitySource RunSource = new(RunSourceName);

    private readonly ModelUniverse _universe;
    private readonly int _seed;
    private readonly bool _cache;
    private readonly bool _writeBehind;
    private readonly SnapshotHistory _history;
    private readonly RunReport _report = new();
    private readonly int[][] _slotsOf;
    private readonly int[][] _checksOfSlot;
    private readonly ConcurrentDictionary<ActivitySpanId, string> _paths = new();
    private FakeTimeProvider? _time;

    /// <param name="universe">The model and its universe.</param>
    /// <param name="seed">Chooses the settings and every caller's operations.</param>
    /// <param name="cache">Turns the check cache on.</param>
    /// <param name="writeBehind">False writes every grant and revoke straight through: the control run.</param>
    public ReadYourWritesRun(ModelUniverse universe, int seed, bool cache, bool writeBehind = true)
    {
        _universe = universe;
        _seed = seed;
        _cache = cache;
        _writeBehind = writeBehind;
        _history = new SnapshotHistory(universe.Slots.Count);
        _slotsOf = Enumerable.Range(0, Callers)
            .Select(caller => universe.Slots.Where(slot => OwnerOf(slot) == caller).Select(slot => slot.Index).ToArray())
            .ToArray();
        // The checks that read a slot's tuple most directly: same object and relation, and its user when it is one.
        _checksOfSlot = universe.Slots
            .Select(slot => universe.Checks
                .Where(c => c.Object == slot.Object && c.Relation == slot.Relation && (c.User == slot.User || slot.User.Contains('#') || slot.User.EndsWith(":*", StringComparison.Ordinal)))
                .Select(c => c.Index)
                .ToArray())
            .ToArray();
    }

    /// <summary>Settings chosen from the seed, for the printed summary.</summary>
    public string Settings { get; private set; } = "";

    public async Task<RunReport> ExecuteAsync(int operations)
    {
        var settingsRandom = new Random(_seed);
        var batchSize = new[] { 5, 20, 100 }[settingsRandom.Next(3)];
        var interval = new[] { "00:00:00.200", "00:00:05" }[settingsRandom.Next(2)];
        var settings = new Dictionary<string, string?>
        {
            ["Fga:WriteBehind:BatchSize"] = batchSize.ToString(CultureInfo.InvariantCulture),
            ["Fga:WriteBehind:FlushInterval"] = interval,
        };
        if (!_writeBehind)
        {
            settings["Fga:WriteBehind:Enabled"] = "false";
        }

        if (_cache)
        {
            settings["Fga:Cache:Enabled"] = "true";
            settings["Fga:Cache:Ttl"] = CacheTtl.ToString();
        }

        Settings = (_writeBehind ? $"batch size {batchSize}, flush interval {interval}" : "write-behind off") + (_cache ? $", check cache on with a TTL of {CacheTtl.TotalSeconds:0.#} s on a fake clock" : ", check cache off");
        await using var host = PipelineHost.Build(settings, services =>
        {
            if (_cache)
            {
                _time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
                services.AddSingleton<TimeProvider>(_time);
            }
        }, model: _universe.Model);
        await host.StartAsync();

        using var listener = ListenToChecks();

        var rounds = Math.Max(3, operations / 1_000);
        var perCaller = Math.Max(1, operations / rounds / Callers);
        for (var round = 0; round < rounds; round++)
        {
            var thisRound = round;
            await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(() => RunCallerAsync(host, thisRound, caller, perCaller))));

            var verifier = new SnapshotVerifier(_universe, _history);
            foreach (var check in _history.TakeChecks())
            {
                var verdict = verifier.Verify(check);
                switch (verdict.Kind)
                {
                    case VerdictKind.Verified:
                        _report.Verified++;
                        break;
                    case VerdictKind.Unverifiable:
                        _report.Unverifiable++;
                        break;
                    case VerdictKind.FalseDenial:
                        _report.FalseDenials++;
                        _report.Violations.Add("false denial: " + verdict.Detail);
                        Tally("false denials", check);
                        break;
                    case VerdictKind.StaleAllow:
                        _report.StaleAllows++;
                        _report.Violations.Add("stale allow: " + verdict.Detail);
                        Tally("stale allows", check);
                        break;
                }
            }

            await QuiesceAndCompareAsync(host, verifier, round);
        }

        return _report;
    }

    private void Tally(string kind, CheckRecord check)
    {
        var key = $"{kind} where the client {check.Path ?? "left no trace"}";
        _report.ViolationsByPath[key] = _report.ViolationsByPath.GetValueOrDefault(key) + 1;
    }

    // Each check runs under an activity of the test's own, so that the client's typedfga.check activity under it
    // tells how the answer came about (diagnostics for failure messages, and the count of cached answers).
    private ActivityListener ListenToChecks()
    {
        var listener = new ActivityListener
        {
            // By name: the test's source may first be created while the listener is being added.
            ShouldListenTo = source => source.Name is FgaActivitySource.Name or RunSourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == FgaActivitySource.CheckActivityName && activity.Parent?.Source.Name == RunSourceName)
                {
                    _paths[activity.ParentSpanId] = DescribePath(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string DescribePath(Activity check)
    {
        var steps = new List<string>();
        if (check.GetTagItem(FgaActivitySource.CheckCachedTag) is true)
        {
            steps.Add(CachedStep);
        }

        if (check.GetTagItem(FgaActivitySource.CheckFlushedFirstTag) is true)
        {
            steps.Add("flushed first");
        }

        if (check.GetTagItem(FgaActivitySource.CheckDeniedPendingRevokeTag) is true)
        {
            steps.Add("denied because revokes were still pending after the flush");
        }

        if (check.GetTagItem(FgaActivitySource.CheckPendingGrantsTag) is int grants)
        {
            steps.Add($"sent {grants} pending grants along");
        }

        return steps.Count == 0 ? "asked the engine with nothing pending sent along" : string.Join(", ", steps);
    }

    private int OwnerOf(Slot slot) =>
        _universe.Hammered.Contains(slot.Object) ? Hammer : slot.Index % Hammer;

    private async Task RunCallerAsync(PipelineHost host, int round, int caller, int operations)
    {
        var client = host.Client;
        // Not HashCode.Combine: its values differ from process to process, and a seed must replay.
        var random = new Random(unchecked((_seed * 1_000_003) + (round * 101) + caller));
        var own = _slotsOf[caller];
        var done = 0;
        while (done < operations)
        {
            var roll = random.NextDouble();
            if (caller == Hammer)
            {
                if (roll < 0.85 && own.Length > 0)
                {
                    await WriteAsync(client, round, caller, done++, own[random.Next(own.Length)], random);
                }
                else if (roll < 0.95)
                {
                    await CheckAsync(client, round, caller, done++, random.Next(_universe.Checks.Count));
                }
                else
                {
                    await FlushAsync(host);
                    done++;
                }

                continue;
            }

            // With the cache on, fewer writes leave answers in the cache long enough to be reused.
            var writeShare = _cache ? 0.2 : 0.35;
            if (roll < writeShare && own.Length > 0)
            {
                var slot = own[random.Next(own.Length)];
                await WriteAsync(client, round, caller, done++, slot, random);
                if (random.Next(2) == 0 && _checksOfSlot[slot] is { Length: > 0 } direct)
                {
                    // Read the write back at once.
                    await CheckAsync(client, round, caller, done++, direct[random.Next(direct.Length)]);
                }
            }
            else if (roll < writeShare + 0.4)
            {
                await CheckAsync(client, round, caller, done++, random.Next(_universe.Checks.Count));
            }
            else if (roll < writeShare + 0.45)
            {
                // A list answers many checks at once: each of its members is judged as a check made over its duration.
                var check = random.Next(_universe.Checks.Count);
                await (random.Next(2) == 0 ? ListObjectsAsync(client, round, caller, done++, check) : ListUsersAsync(client, round, caller, done++, check));
            }
            else if (roll < writeShare + 0.55)
            {
                // The same check a few times in a row: with the cache on, the later ones may be answered from it.
                var check = random.Next(_universe.Checks.Count);
                for (var i = random.Next(2, 5); i > 0; i--)
                {
                    await CheckAsync(client, round, caller, done++, check);
                }
            }
            else if (roll < writeShare + 0.6)
            {
                await FlushAsync(host);
                done++;
            }
            else
            {
                if (_time is not null)
                {
                    // Every remembered answer expires.
                    _time.Advance(CacheTtl + TimeSpan.FromMilliseconds(random.Next(1, 500)));
                    Interlocked.Increment(ref _report.Expiries);
                }
                else
                {
                    await Task.Yield();
                }

                done++;
            }
        }
    }

    private async Task WriteAsync(IFgaClient client, int round, int caller, int operation, int slotIndex, Random random)
    {
        var slot = _universe.Slots[slotIndex];
        var grant = random.Next(5) < 3;
        var variant = grant ? random.Next(slot.Variants.Count) : -1;
        if (!_writeBehind && grant && _history.WritesOf(slotIndex) is [.., { Variant: >= 0 } last] && last.Variant != variant)
        {
            // Written through, a grant that changes a tuple's condition is refused today (409, "already exists with a
            // different condition"; ConditionChangeReadTests): the control run changes it in two writes.
            await WriteAsync(client, round, caller, operation, slotIndex, variant: -1);
        }

        await WriteAsync(client, round, caller, operation, slotIndex, variant);
    }

    private async Task WriteAsync(IFgaClient client, int round, int caller, int operation, int slotIndex, int variant)
    {
        var slot = _universe.Slots[slotIndex];
        var grant = variant >= 0;
        var started = _history.BeginWrite();
        if (grant)
        {
            await client.GrantAsync(slot.Key(variant));
            Interlocked.Increment(ref _report.Grants);
        }
        else
        {
            await client.RevokeAsync(new TupleKey(slot.User, slot.Relation, slot.Object));
            Interlocked.Increment(ref _report.Revokes);
        }

        _history.EndWrite(round, caller, operation, slotIndex, variant, started);
    }

    private async Task CheckAsync(IFgaClient client, int round, int caller, int operation, int checkIndex)
    {
        var check = _universe.Checks[checkIndex];
        bool allowed;
        long acknowledged, started;
        string? path = null;
        using (var activity = RunSource.StartActivity("read-your-writes check"))
        {
            acknowledged = _history.BeginCheck();
            allowed = await client.CheckAsync(check.Query);
            started = _history.EndCheck();
            if (activity is not null && _paths.TryRemove(activity.SpanId, out var traced))
            {
                path = traced;
            }
        }

        _history.Record(new CheckRecord(round, caller, operation, checkIndex, acknowledged, started, allowed, path));
        Interlocked.Increment(ref _report.Checks);
        if (path?.Contains(CachedStep, StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _report.CachedAnswers);
        }
    }

    // The objects of the checked type on which the checked user has the relation: every check of the universe with
    // the same type, relation, user and context is answered by whether its object is listed.
    private async Task ListObjectsAsync(IFgaClient client, int round, int caller, int operation, int checkIndex)
    {
        var asked = _universe.Checks[checkIndex];
        var type = ReferenceModel.TypeOf(asked.Object);
        var members = _universe.Checks
            .Where(c => ReferenceModel.TypeOf(c.Object) == type && c.Relation == asked.Relation && c.User == asked.User && ReferenceEquals(c.Context, asked.Context))
            .ToArray();
        var acknowledged = _history.BeginCheck();
        var objects = await client.ListObjectsAsync(new ListObjectsQuery(type, asked.Relation, asked.User, asked.Context));
        var started = _history.EndCheck();
        var listed = objects.ToHashSet(StringComparer.Ordinal);
        foreach (var member in members)
        {
            _history.Record(new CheckRecord(round, caller, operation, member.Index, acknowledged, started, listed.Contains(member.Object), ListedObjectsPath));
        }

        Interlocked.Increment(ref _report.Lists);
        Interlocked.Add(ref _report.ListedAnswers, members.Length);
    }

    // The users of the checked user's kind with the relation on the checked object: every check of the universe on
    // that object and relation, with a user of that kind and the same context, is answered by whether its user (or the
    // wildcard of its type) is listed.
    private async Task ListUsersAsync(IFgaClient client, int round, int caller, int operation, int checkIndex)
    {
        var asked = _universe.Checks[checkIndex];
        var filter = FilterOf(asked.User);
        var members = _universe.Checks
            .Where(c => c.Object == asked.Object && c.Relation == asked.Relation && FilterOf(c.User) == filter && ReferenceEquals(c.Context, asked.Context)
                && !c.User.EndsWith(":*", StringComparison.Ordinal))
            .ToArray();
        if (members.Length == 0)
        {
            await CheckAsync(client, round, caller, operation, checkIndex);
            return;
        }

        var acknowledged = _history.BeginCheck();
        var users = await client.ListUsersAsync(new ListUsersQuery(asked.Object, asked.Relation, filter, asked.Context));
        var started = _history.EndCheck();
        var listed = users.ToHashSet(StringComparer.Ordinal);
        var judged = 0;
        var wildcard = ReferenceModel.TypeOf(asked.User) + ":*";
        foreach (var member in members)
        {
            // A listed wildcard says every user of the type has the relation through some tuple, not that each one
            // still has it after a "but not": only users listed or absent by name are judged.
            var allowed = listed.Contains(member.User);
            if (!allowed && !member.User.Contains('#') && listed.Contains(wildcard))
            {
                continue;
            }

            _history.Record(new CheckRecord(round, caller, operation, member.Index, acknowledged, started, allowed, ListedUsersPath));
            judged++;
        }

        Interlocked.Increment(ref _report.Lists);
        Interlocked.Add(ref _report.ListedAnswers, judged);
    }

    // The ListUsers filter a check's user belongs to: its type (user:anne -> user), or its userset kind (team:eng#member -> team#member).
    private static string FilterOf(string user) =>
        TupleUserset(user) is { } relation ? ReferenceModel.TypeOf(user) + "#" + relation : ReferenceModel.TypeOf(user);

    private static string? TupleUserset(string user)
    {
        var hash = user.IndexOf('#', StringComparison.Ordinal);
        return hash > 0 ? user[(hash + 1)..] : null;
    }

    private async Task FlushAsync(PipelineHost host)
    {
        await host.Cache.FlushAsync();
        Interlocked.Increment(ref _report.Flushes);
    }

    // Everything flushed and nothing in flight: the client, the engine and the reference must agree on every check,
    // and the engine must hold exactly the tuples the last writes left.
    private async Task QuiesceAndCompareAsync(PipelineHost host, SnapshotVerifier verifier, int round)
    {
        _report.Quiescences++;
        for (var i = 0; i < 100 && (await host.Cache.GetPendingCountAsync()).Total > 0; i++)
        {
            await host.Cache.FlushAsync();
        }

        var pending = await host.Cache.GetPendingCountAsync();
        if (pending.Total > 0)
        {
            _report.Disagreements.Add($"round {round}: {pending.Total} operations still pending after 100 flushes");
        }

        var dead = await host.Cache.GetDeadLettersAsync();
        foreach (var letter in dead.Take(5))
        {
            _report.Disagreements.Add($"round {round}: dead letter {letter}");
        }

        var state = _history.FinalState();
        var engine = host.Services.GetRequiredService<EmbeddedOpenFga>();
        var connection = await host.Services.GetRequiredService<FgaConnectionRegistry>().GetAsync();

        var wanted = _universe.Slots.Where(s => state[s.Index] >= 0).Select(s => s.Describe(state[s.Index])).ToHashSet(StringComparer.Ordinal);
        var stored = await ReadStoredAsync(engine, connection.StoreId);
        foreach (var missing in wanted.Except(stored).Order(StringComparer.Ordinal).Take(5))
        {
            _report.Disagreements.Add($"round {round}: the last write left {missing}, the engine does not hold it");
        }

        foreach (var extra in stored.Except(wanted).Order(StringComparer.Ordinal).Take(5))
        {
            _report.Disagreements.Add($"round {round}: the engine holds {extra}, which the last write on it did not leave");
        }

        foreach (var check in _universe.Checks)
        {
            var reference = verifier.Answer(check, state);
            var response = await engine.CheckAsync(connection.StoreId, new CheckRequest
            {
                AuthorizationModelId = connection.AuthorizationModelId,
                TupleKey = TupleKeyWithoutCondition.Of(check.User, check.Relation, check.Object),
                Context = ToJson(check.Context),
            });
            var client = await host.Client.CheckAsync(check.Query);
            _report.QuiescentChecks++;
            if (response.Allowed != reference)
            {
                _report.Disagreements.Add($"round {round}: the reference answers {check} {reference}, the engine {response.Allowed} (a bug in the reference or the engine)");
            }

            if (client != response.Allowed)
            {
                _report.Disagreements.Add($"round {round}: with nothing pending the client answers {check} {client}, the engine {response.Allowed}");
            }
        }
    }

    private static async Task<HashSet<string>> ReadStoredAsync(EmbeddedOpenFga engine, string storeId)
    {
        var stored = new HashSet<string>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            var page = await engine.ReadAsync(storeId, new ReadRequest { PageSize = 100, ContinuationToken = token });
            foreach (var key in page.Tuples.Select(t => t.Key!))
            {
                var condition = key.Condition is { } c
                    ? new RelationshipCondition(c.Name!, c.Context?.ToDictionary(p => p.Key, p => (object?)(p.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Value?.ToJsonString())))
                    : null;
                stored.Add($"{key.Object}#{key.Relation}@{key.User}{Slot.DescribeCondition(condition)}");
            }

            token = page.ContinuationToken;
        }
        while (!string.IsNullOrEmpty(token));

        return stored;
    }

    private static JsonObject? ToJson(IReadOnlyDictionary<string, object?>? context)
    {
        if (context is null)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (key, value) in context)
        {
            json[key] = value switch
            {
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                long number => JsonValue.Create(number),
                _ => throw new ArgumentException($"The test does not send {value?.GetType().Name} in a context."),
            };
        }

        return json;
    }
}
