using TypedFga.Backends;
using TypedFga.Caching;
using TypedFga.Language;
using TypedFga.Outbox;
using TypedFga.Tests;

namespace TypedFga.Runtime.Tests.Caching;

/// <summary>Which pending operations can change one check's answer, object by object, on the repository's model.</summary>
public sealed class PendingRelevanceTests
{
    private static readonly RelationDependencies Dependencies = RelationDependencies.FromModelJson(
        ModelJsonWriter.Write(FgaCompiler.Compile(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "model.fga"))).Model!));

    private static readonly FgaConnection Connection = new("default", "store", null);

    private readonly StoredEdges _stored = new();

    [Fact]
    public async Task Operations_on_other_objects_of_the_same_relation_do_not_count()
    {
        var selected = await SelectAsync(
            new CheckQuery("user:anne", "owner", "document:x"),
            Grant("user:anne", "owner", "document:x"),
            Revoke("user:bob", "owner", "document:y"),
            Revoke("user:anne", "owner", "document:z"),
            Grant("user:bob", "owner", "document:x"));

        Assert.Equal(["document:x#owner@user:anne"], selected);
        Assert.Empty(_stored.Reads);
    }

    [Fact]
    public async Task The_relations_a_rewrite_computes_from_count_on_the_same_object_only()
    {
        var selected = await SelectAsync(
            new CheckQuery("user:anne", "can_view", "document:x"),
            Revoke("user:anne", "owner", "document:x"),
            Grant("user:anne", "blocked", "document:x"),
            Grant("user:anne", "blocked", "document:y"),
            Grant("user:*", "viewer", "document:x"),
            Grant("user:*", "viewer", "document:y"));

        Assert.Equal(["document:x#owner@user:anne", "document:x#blocked@user:anne", "document:x#viewer@user:*"], selected);
    }

    [Fact]
    public async Task A_pending_parent_leads_to_the_pending_operations_on_that_folder()
    {
        var selected = await SelectAsync(
            new CheckQuery("user:anne", "viewer", "document:x"),
            Grant("folder:f", "parent", "document:x"),
            Revoke("user:anne", "viewer", "folder:f"),
            Revoke("user:anne", "viewer", "folder:g"));

        Assert.Equal(["document:x#parent@folder:f", "folder:f#viewer@user:anne"], selected);
    }

    [Fact]
    public async Task A_stored_parent_is_read_from_the_backend_and_followed_through_nested_folders()
    {
        _stored.Add("document:x", "parent", "folder:f");
        _stored.Add("folder:f", "parent", "folder:root");

        var selected = await SelectAsync(
            new CheckQuery("user:anne", "viewer", "document:x"),
            Revoke("user:anne", "viewer", "folder:root"),
            Revoke("user:anne", "viewer", "folder:other"));

        Assert.Equal(["folder:root#viewer@user:anne"], selected);
        Assert.Contains(("document:x", "parent"), _stored.Reads);
    }

    [Fact]
    public async Task A_stored_userset_leads_to_its_members()
    {
        _stored.Add("document:x", "editor", "team:eng#member");
        _stored.Add("team:eng", "member", "team:core#member");

        var selected = await SelectAsync(
            new CheckQuery("user:anne", "editor", "document:x"),
            Revoke("user:anne", "member", "team:core"),
            Revoke("user:anne", "member", "team:sales"),
            Grant("user:anne", "member", "team:eng"));

        Assert.Equal(["team:core#member@user:anne", "team:eng#member@user:anne"], selected);
    }

    [Fact]
    public async Task An_edge_too_large_to_read_falls_back_to_every_operation_of_the_types_behind_it()
    {
        _stored.Unreadable.Add(("document:x", "parent"));

        var selected = await SelectAsync(
            new CheckQuery("user:anne", "viewer", "document:x"),
            Revoke("user:anne", "viewer", "folder:a"),
            Revoke("user:bob", "viewer", "folder:b"),
            Revoke("user:anne", "viewer", "document:y"));

        Assert.Equal(["folder:a#viewer@user:anne", "folder:b#viewer@user:bob"], selected);
    }

    [Fact]
    public async Task No_edge_is_read_when_nothing_pending_could_lie_behind_it()
    {
        _stored.Add("document:x", "parent", "folder:f");

        var selected = await SelectAsync(
            new CheckQuery("user:anne", "viewer", "document:x"),
            Grant("user:anne", "viewer", "document:x"),
            Revoke("user:anne", "approver", "document:x"));

        Assert.Equal(["document:x#viewer@user:anne"], selected);
        Assert.Empty(_stored.Reads);
    }

    [Fact]
    public async Task Contextual_tuples_of_the_check_are_followed_like_stored_ones()
    {
        var query = new CheckQuery("user:anne", "viewer", "document:x", ContextualTuples: [new TupleKey("folder:f", "parent", "document:x")]);
        _stored.Unreadable.Add(("document:x", "parent"));

        var selected = await SelectAsync(query, Revoke("user:anne", "viewer", "folder:f"), Revoke("user:anne", "viewer", "folder:g"));

        // The stored parents cannot be read, so folder:g may be one of them as well.
        Assert.Equal(["folder:f#viewer@user:anne", "folder:g#viewer@user:anne"], selected);
    }

    [Fact]
    public async Task An_unknown_type_makes_every_operation_count()
    {
        var selected = await SelectAsync(new CheckQuery("user:anne", "viewer", "spreadsheet:x"), Grant("user:bob", "owner", "document:y"));

        Assert.Equal(["document:y#owner@user:bob"], selected);
    }

    private static PendingOperation Grant(string user, string relation, string @object) => Operation(OutboxOperationKind.Grant, user, relation, @object);

    private static PendingOperation Revoke(string user, string relation, string @object) => Operation(OutboxOperationKind.Revoke, user, relation, @object);

    private static PendingOperation Operation(OutboxOperationKind kind, string user, string relation, string @object) =>
        new(0, kind, new TupleKey(user, relation, @object), Connection, DateTimeOffset.UnixEpoch, 0, DateTimeOffset.UnixEpoch, null, InFlight: false);

    private async Task<string[]> SelectAsync(CheckQuery query, params PendingOperation[] pending)
    {
        var relevance = new PendingRelevance(Dependencies, _stored);
        var selected = await relevance.SelectAsync(Connection, query, new ListedPendingTuples(pending), new PendingRelevance.EdgeCache(), CancellationToken.None);
        return pending
            .Where(op => selected is null || selected.Contains((op.Tuple.Object, op.Tuple.Relation, op.Tuple.User)))
            .Select(op => op.Tuple.ToString())
            .ToArray();
    }

    /// <summary>A backend that only answers reads, from tuples the test sets up, and records them.</summary>
    private sealed class StoredEdges : IFgaBackend
    {
        private readonly Dictionary<(string Object, string Relation), List<string>> _users = [];

        public List<(string Object, string Relation)> Reads { get; } = [];

        public HashSet<(string Object, string Relation)> Unreadable { get; } = [];

        public void Add(string @object, string relation, string user)
        {
            if (!_users.TryGetValue((@object, relation), out var users))
            {
                _users[(@object, relation)] = users = [];
            }

            users.Add(user);
        }

        public Task WriteAsync(FgaConnection connection, IReadOnlyList<TupleKey> writes, IReadOnlyList<TupleKey> deletes, WriteConflictOptions conflicts, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> CheckAsync(FgaConnection connection, CheckQuery query, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<string>?> ReadUsersAsync(FgaConnection connection, string @object, string relation, int limit, CancellationToken cancellationToken = default)
        {
            Reads.Add((@object, relation));
            return Task.FromResult<IReadOnlyList<string>?>(
                Unreadable.Contains((@object, relation)) ? null : _users.GetValueOrDefault((@object, relation)) ?? []);
        }
    }
}
