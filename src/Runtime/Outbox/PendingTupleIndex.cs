namespace TypedFga.Outbox;

/// <summary>
/// Which tuples have operations waiting in the outbox, held in memory so that a check can rule out, without reading
/// the file, that anything pending concerns it (the usual case: traffic on other objects or relations).
/// </summary>
/// <remarks>
/// <para>The index may hold tuples whose operations are gone (sent, superseded, cleared), never the reverse for this
/// process: every operation this process appends is added after its commit and before its caller is released. A
/// tuple the index names is only a reason to read the outbox; what the outbox holds decides. Operations that other
/// processes append to a shared outbox are added when the index is rebuilt from the file, after each flush of
/// this process.</para>
/// <para>Past <see cref="MaxTuples"/> tuples it stops answering (<see cref="IsUsable"/> is false) and frees its
/// memory, and checks read the outbox instead, until a rebuild finds fewer.</para>
/// </remarks>
internal sealed class PendingTupleIndex
{
    /// <summary>The most tuples held; beyond this a scan of the file is the better source.</summary>
    public const int MaxTuples = 50_000;

    private readonly Lock _gate = new();
    private Tuples _tuples = new();
    private Tuples? _rebuilding;
    private long _watermark;

    /// <summary>False while more than <see cref="MaxTuples"/> tuples are pending (or were, until the next rebuild).</summary>
    public bool IsUsable
    {
        get
        {
            lock (_gate)
            {
                return !_tuples.Overflowed;
            }
        }
    }

    /// <summary>The highest sequence number the index has seen: every operation acknowledged so far has one at most this high.</summary>
    public long Watermark => Interlocked.Read(ref _watermark);

    /// <summary>Adds committed operations; called before their callers are released.</summary>
    public void Add(IReadOnlyList<AppendedTuple> appended)
    {
        if (appended.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            foreach (var operation in appended)
            {
                _tuples.Add(operation.StoreId, operation.Object, operation.Relation, operation.User, operation.Sequence);
                _rebuilding?.Add(operation.StoreId, operation.Object, operation.Relation, operation.User, operation.Sequence);
                if (operation.Sequence > _watermark)
                {
                    Interlocked.Exchange(ref _watermark, operation.Sequence);
                }
            }
        }
    }

    /// <summary>
    /// Starts a rebuild: operations committed from now on are kept for the new index too. Call before the read that
    /// scans the file begins, then <see cref="CompleteRebuild"/> with what it found.
    /// </summary>
    /// <exception cref="InvalidOperationException">Another rebuild is under way (the caller must run one at a time).</exception>
    public void BeginRebuild()
    {
        lock (_gate)
        {
            if (_rebuilding is not null)
            {
                throw new InvalidOperationException("A rebuild of the pending-tuple index is already under way.");
            }

            _rebuilding = new Tuples();
        }
    }

    /// <summary>Replaces the index with the scanned rows (null when there were too many) and what was added meanwhile.</summary>
    public void CompleteRebuild(IReadOnlyList<AppendedTuple>? scanned, long committed)
    {
        lock (_gate)
        {
            var rebuilt = _rebuilding ?? throw new InvalidOperationException("No rebuild of the pending-tuple index is under way.");
            _rebuilding = null;
            if (scanned is null)
            {
                rebuilt.Overflow();
            }
            else
            {
                foreach (var row in scanned)
                {
                    rebuilt.Add(row.StoreId, row.Object, row.Relation, row.User, row.Sequence);
                }
            }

            // A tuple's oldest operation may have been replaced by a later one before the scan: what the index
            // knew of it still counts, so a check that began before the later one still reads the tuple.
            rebuilt.KeepOldestFrom(_tuples);
            _tuples = rebuilt;
            if (committed > _watermark)
            {
                Interlocked.Exchange(ref _watermark, committed);
            }
        }
    }

    /// <summary>Gives up a rebuild that failed; the current index stays.</summary>
    public void AbandonRebuild()
    {
        lock (_gate)
        {
            _rebuilding = null;
        }
    }

    /// <summary>The users with operations pending on <paramref name="object"/>#<paramref name="relation"/> up to <paramref name="upToSequence"/>.</summary>
    public List<string> UsersOn(string storeId, string @object, string relation, long upToSequence)
    {
        lock (_gate)
        {
            return _tuples.UsersOn(storeId, @object, relation, upToSequence);
        }
    }

    /// <summary>True when an operation may be pending on any object of <paramref name="type"/>#<paramref name="relation"/>.</summary>
    public bool AnyOn(string storeId, string type, string relation)
    {
        lock (_gate)
        {
            return _tuples.AnyOn(storeId, type, relation);
        }
    }

    /// <summary>Every tuple of <paramref name="type"/>#<paramref name="relation"/> with an operation pending up to <paramref name="upToSequence"/>.</summary>
    public List<(string Object, string User)> TuplesOf(string storeId, string type, string relation, long upToSequence)
    {
        lock (_gate)
        {
            return _tuples.TuplesOf(storeId, type, relation, upToSequence);
        }
    }

    /// <summary>
    /// Forgets the operations on a tuple up to <paramref name="upToSequence"/>: the outbox was read and holds none
    /// of them any more.
    /// </summary>
    public void Forget(string storeId, string @object, string relation, string user, long upToSequence)
    {
        lock (_gate)
        {
            _tuples.Forget(storeId, @object, relation, user, upToSequence);
        }
    }

    /// <summary>The tuples of one generation of the index. Not thread-safe; the index locks around it.</summary>
    private sealed class Tuples
    {
        // store, type, relation -> object -> user -> the oldest and latest sequence numbers seen on the tuple.
        private readonly Dictionary<(string Store, string Type, string Relation), Dictionary<string, Dictionary<string, Span>>> _byRelation = [];
        private int _count;

        public bool Overflowed { get; private set; }

        public void Add(string store, string @object, string relation, string user, long sequence)
        {
            if (Overflowed)
            {
                return;
            }

            var key = (store, TupleParts.TypeOf(@object), relation);
            if (!_byRelation.TryGetValue(key, out var objects))
            {
                _byRelation[key] = objects = new Dictionary<string, Dictionary<string, Span>>(StringComparer.Ordinal);
            }

            if (!objects.TryGetValue(@object, out var users))
            {
                objects[@object] = users = new Dictionary<string, Span>(StringComparer.Ordinal);
            }

            if (users.TryGetValue(user, out var span))
            {
                users[user] = new Span(Math.Min(span.Oldest, sequence), Math.Max(span.Latest, sequence));
                return;
            }

            users[user] = new Span(sequence, sequence);
            if (++_count > MaxTuples)
            {
                Overflow();
            }
        }

        public void KeepOldestFrom(Tuples previous)
        {
            if (Overflowed || previous.Overflowed)
            {
                return;
            }

            foreach (var (key, objects) in _byRelation)
            {
                if (!previous._byRelation.TryGetValue(key, out var previousObjects))
                {
                    continue;
                }

                foreach (var (@object, users) in objects)
                {
                    if (!previousObjects.TryGetValue(@object, out var previousUsers))
                    {
                        continue;
                    }

                    foreach (var user in users.Keys.ToList())
                    {
                        if (previousUsers.TryGetValue(user, out var before) && before.Oldest < users[user].Oldest)
                        {
                            users[user] = users[user] with { Oldest = before.Oldest };
                        }
                    }
                }
            }
        }

        public void Overflow()
        {
            Overflowed = true;
            _byRelation.Clear();
            _count = 0;
        }

        public List<string> UsersOn(string store, string @object, string relation, long upTo)
        {
            var found = new List<string>();
            if (_byRelation.TryGetValue((store, TupleParts.TypeOf(@object), relation), out var objects) && objects.TryGetValue(@object, out var users))
            {
                foreach (var (user, span) in users)
                {
                    if (span.Oldest <= upTo)
                    {
                        found.Add(user);
                    }
                }
            }

            return found;
        }

        public bool AnyOn(string store, string type, string relation) =>
            _byRelation.TryGetValue((store, type, relation), out var objects) && objects.Count > 0;

        public List<(string Object, string User)> TuplesOf(string store, string type, string relation, long upTo)
        {
            var found = new List<(string Object, string User)>();
            if (_byRelation.TryGetValue((store, type, relation), out var objects))
            {
                foreach (var (@object, users) in objects)
                {
                    foreach (var (user, span) in users)
                    {
                        if (span.Oldest <= upTo)
                        {
                            found.Add((@object, user));
                        }
                    }
                }
            }

            return found;
        }

        public void Forget(string store, string @object, string relation, string user, long upTo)
        {
            var key = (store, TupleParts.TypeOf(@object), relation);
            if (!_byRelation.TryGetValue(key, out var objects) || !objects.TryGetValue(@object, out var users) || !users.TryGetValue(user, out var span))
            {
                return;
            }

            if (span.Latest > upTo)
            {
                // Operations came after the read; any of them may still be pending.
                users[user] = new Span(upTo + 1, span.Latest);
                return;
            }

            users.Remove(user);
            _count--;
            if (users.Count == 0)
            {
                objects.Remove(@object);
                if (objects.Count == 0)
                {
                    _byRelation.Remove(key);
                }
            }
        }
    }

    private readonly record struct Span(long Oldest, long Latest);
}

/// <summary>An operation as the pending-tuple index records it.</summary>
internal readonly record struct AppendedTuple(string StoreId, string Object, string Relation, string User, long Sequence);
