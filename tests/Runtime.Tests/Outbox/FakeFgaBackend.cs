using System.Collections.Concurrent;
using System.Net;
using TypedFga.Backends;

namespace TypedFga.Runtime.Tests.Outbox;

/// <summary>
/// An in-memory OpenFGA store for flusher tests: applies writes and deletes all-or-nothing, like OpenFGA, and
/// can be told to refuse tuples, fail, hang, or behave like a server older than 1.10.
/// </summary>
internal sealed class FakeFgaBackend : IFgaBackend
{
    private readonly object _gate = new();
    private readonly HashSet<(string User, string Relation, string Object)> _tuples = [];
    private readonly ConcurrentDictionary<string, string> _rejected = new();

    /// <summary>Every request received, in order (including failed ones).</summary>
    public ConcurrentQueue<WriteRequest> Requests { get; } = new();

    /// <summary>Each tuple applied, in order: "+user relation object" or "-user relation object".</summary>
    public ConcurrentQueue<string> Applied { get; } = new();

    /// <summary>Thrown (and decremented) before a request is applied, while positive.</summary>
    public Func<Exception>? FailWith { get; set; }

    public int FailuresLeft { get; set; }

    /// <summary>Thrown after a request was applied (a crash between the write and the acknowledgement).</summary>
    public Func<Exception>? FailAfterApplyWith { get; set; }

    /// <summary>Awaited before each request is applied; lets a test hold a request in flight.</summary>
    public Func<WriteRequest, CancellationToken, Task>? BeforeApply { get; set; }

    /// <summary>Ignore on_duplicate/on_missing and refuse conflicts, as OpenFGA before 1.10 does.</summary>
    public bool Legacy { get; set; }

    public IReadOnlyCollection<(string User, string Relation, string Object)> Tuples
    {
        get
        {
            lock (_gate)
            {
                return _tuples.ToList();
            }
        }
    }

    public void Reject(string user, string relation, string @object, string message) => _rejected[$"{user} {relation} {@object}"] = message;

    public void Seed(string user, string relation, string @object)
    {
        lock (_gate)
        {
            _tuples.Add((user, relation, @object));
        }
    }

    public async Task WriteAsync(FgaConnection connection, IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, CancellationToken cancellationToken = default)
    {
        var request = new WriteRequest(connection, writes.ToList(), deletes.ToList(), conflicts);
        Requests.Enqueue(request);
        if (BeforeApply is not null)
        {
            await BeforeApply(request, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (FailuresLeft > 0 && FailWith is not null)
            {
                FailuresLeft--;
                throw FailWith();
            }

            if (writes.Count + deletes.Count > 100)
            {
                throw new FgaApiException(HttpStatusCode.BadRequest, "exceeded_entity_limit", "The number of write operations exceeds the allowed limit of 100");
            }

            foreach (var tuple in writes)
            {
                if (_rejected.TryGetValue($"{tuple.User} {tuple.Relation} {tuple.Object}", out var message))
                {
                    throw new FgaApiException(HttpStatusCode.BadRequest, "validation_error", message);
                }
            }

            var ignoreConflicts = !Legacy;
            foreach (var tuple in deletes)
            {
                if (!_tuples.Contains((tuple.User, tuple.Relation, tuple.Object)) && !(ignoreConflicts && conflicts.IgnoreMissingDeletes))
                {
                    throw new FgaApiException(HttpStatusCode.BadRequest, "write_failed_due_to_invalid_input",
                        $"cannot delete a tuple which does not exist: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}': tuple to be written already existed or the tuple to be deleted did not exist");
                }
            }

            foreach (var tuple in writes)
            {
                if (_tuples.Contains((tuple.User, tuple.Relation, tuple.Object)) && !(ignoreConflicts && conflicts.IgnoreDuplicateWrites))
                {
                    throw new FgaApiException(HttpStatusCode.BadRequest, "write_failed_due_to_invalid_input",
                        $"cannot write a tuple which already exists: user: '{tuple.User}', relation: '{tuple.Relation}', object: '{tuple.Object}': tuple to be written already existed or the tuple to be deleted did not exist");
                }
            }

            foreach (var tuple in deletes)
            {
                _tuples.Remove((tuple.User, tuple.Relation, tuple.Object));
                Applied.Enqueue($"-{tuple.User} {tuple.Relation} {tuple.Object}");
            }

            foreach (var tuple in writes)
            {
                _tuples.Add((tuple.User, tuple.Relation, tuple.Object));
                Applied.Enqueue($"+{tuple.User} {tuple.Relation} {tuple.Object}");
            }
        }

        if (FailAfterApplyWith is { } after)
        {
            throw after();
        }
    }

    public Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tuples.Contains((query.User, query.Relation, query.Object)));
        }
    }

    public sealed record WriteRequest(FgaConnection Connection, List<TupleKey> Writes, List<TupleKey> Deletes, WriteConflictOptions Conflicts);
}
