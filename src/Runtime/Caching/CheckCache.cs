using System.Collections.Concurrent;
using TypedFga.Typed;

namespace TypedFga.Caching;

/// <summary>
/// Remembers check answers for a short time, and forgets exactly those that a local grant or revoke can change.
/// Checks with a request context, contextual tuples or <see cref="FgaConsistency.HigherConsistency"/> are not cached.
/// </summary>
/// <remarks>
/// <para>Each answer is stored with the versions it was computed under, and is served only while they are unchanged
/// (fail closed). The versions are counters in two fixed tables, indexed by a hash: one per checked relation of a
/// type in a store (<c>document#can_view</c>), one per checked relation of an object (<c>document:1#can_view</c>). A
/// write of <c>T:id#r</c> moves, from the model's relation dependencies, the object counters of the relations of
/// <c>T:id</c> it can change through the object itself (computed relations, <c>and</c>, <c>or</c>, <c>but not</c>,
/// tuplesets), and the type counters of the relations it can change on other objects (through a tuple-to-userset or
/// a userset: <c>folder:1#viewer</c> reaches <c>document#viewer</c> of any document). Two relations or objects that
/// share a counter only forget more, never less. A write whose relation the model does not define forgets everything,
/// as does <see cref="Invalidate()"/>; a check of a relation the model does not define is forgotten by any write.</para>
/// <para>A writer moves the counters when its write starts and again when it has ended, so an answer computed before
/// the write ended carries an older version and is never served afterwards, and none is served from the cache while
/// the write is under way.</para>
/// <para>A hit reads the entry, three counters and a coarse clock (<see cref="Environment.TickCount64"/> with the
/// system time provider), and allocates nothing.</para>
/// </remarks>
public sealed class CheckCache
{
    // Powers of two: a stripe is a hash masked to the table's size.
    private const int RelationStripes = 4096;
    private const int ObjectStripes = 8192;

    // The last type counter belongs to checks of relations the model does not define: every write moves it.
    private const int UndefinedChecks = RelationStripes;

    // Stripes are hashed with a fixed function (FNV-1a and a final mix), not the process-seeded string hash: which
    // answers share a counter then stays the same from run to run. Sharing only ever forgets more.
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;

    private readonly CheckCacheOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly RelationDependencies? _dependencies;
    private readonly bool _coarseClock;
    private readonly long _ttl;
    private readonly ConcurrentDictionary<QueryKey, Entry> _byQuery = new();
    private readonly ConcurrentDictionary<PartsKey, Entry> _byParts = new();
    private readonly long[] _relationVersions = new long[RelationStripes + 1];
    private readonly long[] _objectVersions = new long[ObjectStripes];
    private long _epoch;
    private int _count;

    /// <summary>Creates a cache that forgets every answer at any write, since it knows no model.</summary>
    /// <param name="options">The time to live and the size.</param>
    /// <param name="timeProvider">The clock answers expire by.</param>
    public CheckCache(CheckCacheOptions options, TimeProvider timeProvider)
        : this(options, timeProvider, dependencies: null)
    {
    }

    /// <summary>Creates a cache that forgets, at a write, the answers the model says the write can change.</summary>
    /// <param name="options">The time to live and the size.</param>
    /// <param name="timeProvider">The clock answers expire by.</param>
    /// <param name="dependencies">The model's relation dependencies; null to forget every answer at any write.</param>
    public CheckCache(CheckCacheOptions options, TimeProvider timeProvider, RelationDependencies? dependencies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        _dependencies = dependencies;
        // The system clock's precise timestamp (Stopwatch) cost 45-90 ns on the virtual machines measured, about as much
        // as the rest of a hit; a time to live of seconds needs no better than the coarse tick count's few milliseconds,
        // which costs 6-10 ns. Other providers (test clocks) are read as given.
        _coarseClock = ReferenceEquals(timeProvider, TimeProvider.System);
        _ttl = _coarseClock
            ? (long)options.Ttl.TotalMilliseconds
            : (long)(options.Ttl.TotalSeconds * timeProvider.TimestampFrequency);
    }

    /// <summary>Whether <paramref name="query"/> may be cached at all.</summary>
    public static bool IsCacheable(CheckQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query is { Context: null or { Count: 0 }, ContextualTuples: null or { Count: 0 }, Consistency: FgaConsistency.MinimizeLatency };
    }

    /// <summary>Forgets every remembered answer, and every answer being computed now.</summary>
    public void Invalidate() => Interlocked.Increment(ref _epoch);

    /// <summary>
    /// Forgets the remembered answers, and the answers being computed now, that a grant or revoke of
    /// <paramref name="tuple"/> in the store <paramref name="storeId"/> can change. Call it when the write starts and
    /// again when it has ended.
    /// </summary>
    /// <param name="storeId">The store written to.</param>
    /// <param name="tuple">The tuple granted or revoked.</param>
    public void Invalidate(string storeId, TupleKey tuple)
    {
        ArgumentNullException.ThrowIfNull(storeId);
        ArgumentNullException.ThrowIfNull(tuple);
        Interlocked.Increment(ref _relationVersions[UndefinedChecks]);
        var colon = tuple.Object.IndexOf(':', StringComparison.Ordinal);
        var reach = _dependencies is not null && colon > 0 ? _dependencies.ReachOf(tuple.Object[..colon], tuple.Relation) : null;
        if (reach is null)
        {
            Invalidate();
            return;
        }

        foreach (var (type, relation) in reach.AnyObject)
        {
            Interlocked.Increment(ref _relationVersions[RelationStripe(storeId, type, relation)]);
        }

        var objectType = tuple.Object.AsSpan(0, colon);
        var objectId = tuple.Object.AsSpan(colon + 1);
        foreach (var relation in reach.SameObject)
        {
            Interlocked.Increment(ref _objectVersions[ObjectStripe(storeId, objectType, objectId, relation)]);
        }
    }

    /// <summary>The remembered answer to <paramref name="query"/>, if one is still valid.</summary>
    internal bool TryGet(string storeId, CheckQuery query, out bool allowed)
    {
        _byQuery.TryGetValue(new QueryKey(storeId, query), out var entry);
        return IsValid(entry, out allowed);
    }

    /// <summary>The remembered answer to <paramref name="check"/>, if one is still valid. Allocates nothing.</summary>
    internal bool TryGet(string storeId, in CheckParts check, out bool allowed)
    {
        _byParts.TryGetValue(new PartsKey(storeId, check), out var entry);
        return IsValid(entry, out allowed);
    }

    /// <summary>The versions an answer to <paramref name="query"/> depends on; take them before computing it.</summary>
    internal CheckStamp Stamp(string storeId, CheckQuery query)
    {
        var colon = query.Object.IndexOf(':', StringComparison.Ordinal);
        var type = colon > 0 ? query.Object[..colon] : query.Object;
        var id = colon > 0 ? query.Object.AsSpan(colon + 1) : [];
        return Stamp(storeId, type, id, query.Relation);
    }

    /// <summary>The versions an answer to <paramref name="check"/> depends on; take them before computing it.</summary>
    internal CheckStamp Stamp(string storeId, in CheckParts check)
    {
        Span<char> buffer = stackalloc char[FgaId.MaxFormattedLength];
        return Stamp(storeId, check.ObjectType, check.ObjectId.Format(buffer), check.Relation);
    }

    /// <summary>Remembers an answer to <paramref name="query"/> computed under <paramref name="stamp"/>, unless a write has moved it since.</summary>
    internal void Store(string storeId, CheckQuery query, bool allowed, CheckStamp stamp)
    {
        if (IsCurrent(stamp))
        {
            Remember(_byQuery, new QueryKey(storeId, query), new Entry(allowed, Now() + _ttl, stamp));
        }
    }

    /// <summary>Remembers an answer to <paramref name="check"/> computed under <paramref name="stamp"/>, unless a write has moved it since.</summary>
    internal void Store(string storeId, in CheckParts check, bool allowed, CheckStamp stamp)
    {
        if (IsCurrent(stamp))
        {
            Remember(_byParts, new PartsKey(storeId, check), new Entry(allowed, Now() + _ttl, stamp));
        }
    }

    private CheckStamp Stamp(string storeId, string type, ReadOnlySpan<char> id, string relation)
    {
        var relationStripe = _dependencies is not null && _dependencies.Defines(type, relation)
            ? RelationStripe(storeId, type, relation)
            : UndefinedChecks;
        var objectStripe = ObjectStripe(storeId, type, id, relation);
        return new CheckStamp(
            Volatile.Read(ref _epoch),
            relationStripe,
            Volatile.Read(ref _relationVersions[relationStripe]),
            objectStripe,
            Volatile.Read(ref _objectVersions[objectStripe]));
    }

    private bool IsValid(Entry? entry, out bool allowed)
    {
        if (entry is not null && Now() < entry.ExpiresAt && IsCurrent(entry.Stamp))
        {
            allowed = entry.Allowed;
            return true;
        }

        allowed = false;
        return false;
    }

    private bool IsCurrent(in CheckStamp stamp) =>
        stamp.Epoch == Volatile.Read(ref _epoch)
        && stamp.RelationVersion == Volatile.Read(ref _relationVersions[stamp.RelationStripe])
        && stamp.ObjectVersion == Volatile.Read(ref _objectVersions[stamp.ObjectStripe]);

    private void Remember<TKey>(ConcurrentDictionary<TKey, Entry> entries, TKey key, Entry entry)
        where TKey : notnull
    {
        // Counted, not measured: ConcurrentDictionary.Count takes every lock. Racing stores may overshoot a little.
        if (Volatile.Read(ref _count) >= _options.MaxEntries && !entries.ContainsKey(key))
        {
            _byQuery.Clear();
            _byParts.Clear();
            Volatile.Write(ref _count, 0);
        }

        if (entries.TryAdd(key, entry))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            entries[key] = entry;
        }
    }

    private long Now() => _coarseClock ? Environment.TickCount64 : _timeProvider.GetTimestamp();

    private static int RelationStripe(string storeId, string type, string relation) =>
        (int)(Finish(Mix(Mix(Mix(FnvOffset, storeId), type), relation)) & (RelationStripes - 1));

    private static int ObjectStripe(string storeId, ReadOnlySpan<char> type, ReadOnlySpan<char> id, string relation) =>
        (int)(Finish(Mix(Mix(Mix(Mix(FnvOffset, storeId), type), id), relation)) & (ObjectStripes - 1));

    private static uint Mix(uint hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        // The length ends the part, so that ("ab", "c") and ("a", "bc") differ.
        return (hash ^ (uint)text.Length) * FnvPrime;
    }

    private static uint Finish(uint hash)
    {
        hash ^= hash >> 16;
        hash *= 0x85EBCA6B;
        hash ^= hash >> 13;
        hash *= 0xC2B2AE35;
        return hash ^ (hash >> 16);
    }

    private sealed class Entry(bool allowed, long expiresAt, CheckStamp stamp)
    {
        // Fields, so that a hit reads the stamp in place.
        public readonly bool Allowed = allowed;
        public readonly long ExpiresAt = expiresAt;
        public readonly CheckStamp Stamp = stamp;
    }

    /// <summary>The key of a check asked as a query. The store is compared but not hashed, as in <see cref="PartsKey"/>.</summary>
    private readonly struct QueryKey(string storeId, CheckQuery query) : IEquatable<QueryKey>
    {
        private readonly string _storeId = storeId;
        private readonly string _user = query.User;
        private readonly string _relation = query.Relation;
        private readonly string _object = query.Object;

        public bool Equals(QueryKey other) =>
            string.Equals(_object, other._object, StringComparison.Ordinal)
            && string.Equals(_user, other._user, StringComparison.Ordinal)
            && string.Equals(_relation, other._relation, StringComparison.Ordinal)
            && string.Equals(_storeId, other._storeId, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is QueryKey other && Equals(other);

        // The parameterless string hash is the ordinal one, without the comparer look-up of the overload that takes one.
        public override int GetHashCode() => HashCode.Combine(_object.GetHashCode(), _user.GetHashCode(), _relation.GetHashCode());
    }

    /// <summary>
    /// The key of a check made in parts. The store is compared but not hashed: a process rarely uses more than one,
    /// and its id is the longest part.
    /// </summary>
    private readonly struct PartsKey : IEquatable<PartsKey>
    {
        private readonly string _storeId;
        private readonly CheckParts _check;

        public PartsKey(string storeId, in CheckParts check)
        {
            _storeId = storeId;
            _check = check;
        }

        public bool Equals(PartsKey other)
        {
            ref readonly var check = ref _check;
            ref readonly var otherCheck = ref other._check;
            return string.Equals(check.Relation, otherCheck.Relation, StringComparison.Ordinal)
                && check.ObjectId.SameAs(otherCheck.ObjectId)
                && check.Subject.Id.SameAs(otherCheck.Subject.Id)
                && string.Equals(check.ObjectType, otherCheck.ObjectType, StringComparison.Ordinal)
                && string.Equals(check.Subject.Type, otherCheck.Subject.Type, StringComparison.Ordinal)
                && string.Equals(check.Subject.Relation, otherCheck.Subject.Relation, StringComparison.Ordinal)
                && string.Equals(_storeId, other._storeId, StringComparison.Ordinal);
        }

        public override bool Equals(object? obj) => obj is PartsKey other && Equals(other);

        // The ids carry the entropy (and may come from users: hashed with the process-seeded hash); type and relation
        // names come from the model, so a cheap hash of their length and ends tells them apart well enough.
        public override int GetHashCode() => HashCode.Combine(
            _check.ObjectId.HashOfValue(),
            _check.Subject.Id.HashOfValue(),
            NameHash(_check.Relation),
            NameHash(_check.ObjectType) ^ (NameHash(_check.Subject.Type!) << 1),
            _check.Subject.Relation is { } relation ? NameHash(relation) : 0);

        private static int NameHash(string name) => name.Length == 0 ? 0 : name.Length | (name[0] << 8) | (name[^1] << 16);
    }
}

/// <summary>The versions one cached answer depends on: see <see cref="CheckCache"/>.</summary>
internal readonly record struct CheckStamp(long Epoch, int RelationStripe, long RelationVersion, int ObjectStripe, long ObjectVersion);
