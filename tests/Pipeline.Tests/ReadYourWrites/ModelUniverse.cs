using System.Globalization;
using System.Reflection;
using TypedFga.Language;
using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.ReadYourWrites;

/// <summary>
/// One tuple the randomized test may write: a user, relation and object, and the conditions a grant of it may carry
/// (null for none). The tuple is absent or present with one of them; a grant with another one changes it.
/// </summary>
public sealed record Slot(int Index, string User, string Relation, string Object, IReadOnlyList<RelationshipCondition?> Variants)
{
    public TupleKey Key(int variant) => new(User, Relation, Object, Variants[variant]);

    public string Describe(int variant) => variant < 0 ? $"{this} absent" : $"{this}{DescribeCondition(Variants[variant])}";

    public override string ToString() => $"{Object}#{Relation}@{User}";

    public static string DescribeCondition(RelationshipCondition? condition) =>
        condition is null ? "" : $" with {condition.Name}({string.Join(", ", (condition.Context ?? new Dictionary<string, object?>()).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})";
}

/// <summary>One check the randomized test may make.</summary>
public sealed record CheckCase(int Index, string User, string Relation, string Object, IReadOnlyDictionary<string, object?>? Context)
{
    public CheckQuery Query => new(User, Relation, Object, Context);

    public override string ToString() =>
        $"{Object}#{Relation}@{User}" + (Context is null ? "" : $" (context {string.Join(", ", Context.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))})");
}

/// <summary>
/// A model and the small universe the randomized test plays in: the tuples it may write, the checks it may make,
/// and the objects the hammering caller owns.
/// </summary>
public sealed class ModelUniverse
{
    private static readonly DateTimeOffset GrantedAt = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private ModelUniverse(string name, FgaModelInfo model, ReferenceModel reference, IReadOnlyList<Slot> slots, IReadOnlyList<CheckCase> checks, IReadOnlySet<string> hammered)
    {
        Name = name;
        Model = model;
        Reference = reference;
        Slots = slots;
        Checks = checks;
        Hammered = hammered;
    }

    public string Name { get; }

    public FgaModelInfo Model { get; }

    public ReferenceModel Reference { get; }

    public IReadOnlyList<Slot> Slots { get; }

    public IReadOnlyList<CheckCase> Checks { get; }

    /// <summary>The objects whose tuples belong to the hammering caller.</summary>
    public IReadOnlySet<string> Hammered { get; }

    public override string ToString() => Name;

    public static ModelUniverse Named(string name) => name switch
    {
        "sample" => Sample(),
        "chains" => Chains(),
        "nested" => Nested(),
        "logic" => Logic(),
        "conditions" => Conditions(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The repository's model.fga: nested teams, folder inheritance, wildcards, but not, and, a condition, critical relations.</summary>
    private static ModelUniverse Sample()
    {
        var users = Ids("user", "anne", "bob", "carl");
        var teams = Ids("team", "t0", "t1", "t2");
        var folders = Ids("folder", "f0", "f1");
        var documents = Ids("document", "d0", "d1", "d2");
        var oneHour = NonExpired(TimeSpan.FromHours(1));
        var twoDays = NonExpired(TimeSpan.FromDays(2));
        var b = new Builder();
        b.Tuples(teams, "member", users);
        b.Tuples(["team:t0"], "member", ["team:t1#member", "team:t2#member"]);
        b.Tuples(["team:t1"], "member", ["team:t2#member"]);
        b.Tuples(["team:t0"], "maintainer", users[..2]);
        b.Tuples(["folder:f1"], "parent", ["folder:f0"]);
        b.Tuples(folders, "owner", users[..2]);
        b.Tuples(folders, "editor", [.. users, "team:t0#member", "team:t1#member"]);
        b.Tuples(folders, "viewer", ["user:*", "user:carl", "team:t2#member"]);
        b.Tuples(documents, "parent", folders);
        b.Tuples(documents, "owner", users[..2]);
        b.Tuples(documents, "editor", [.. users, "team:t0#member", "team:t1#member"]);
        b.Tuples(documents, "viewer", users, null, oneHour, twoDays);
        b.Tuples(documents, "viewer", ["user:*", "team:t2#member"]);
        b.Tuples(documents, "blocked", users);
        b.Tuples(documents, "approver", [.. users[..2], "team:t0#member"]);
        b.Tuples(["audit_log:l0"], "reader", [.. users[..2], "team:t1#member"]);

        b.Checks(teams, ["member", "maintainer"], users);
        b.Checks(folders, ["owner", "editor", "viewer"], users);
        b.Checks(documents, ["owner", "editor", "blocked", "approver", "can_edit", "can_publish"], users);
        // The conditioned viewer grants need the time in every check that can reach them.
        foreach (var hours in new[] { 0.5, 24, 72 })
        {
            b.Checks(documents, ["viewer", "can_view"], users, Context("current_time", Timestamp(GrantedAt.AddHours(hours))));
        }

        b.Checks(["audit_log:l0"], ["reader"], users);
        return b.Build("sample", Fga.Model, new Dictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>>
        {
            ["non_expired"] = context =>
                DateTimeOffset.Parse(Text(context, "current_time"), CultureInfo.InvariantCulture)
                < DateTimeOffset.Parse(Text(context, "grant_time"), CultureInfo.InvariantCulture) + Seconds(Text(context, "grant_duration")),
        }, hammered: ["document:d2", "team:t2"]);
    }

    /// <summary>document -> folder -> folder -> folder -> org: tuple-to-userset chains.</summary>
    private static ModelUniverse Chains()
    {
        var users = Ids("user", "u0", "u1", "u2");
        var orgs = Ids("org", "o0", "o1");
        var folders = Ids("folder", "f0", "f1", "f2");
        var documents = Ids("document", "d0", "d1");
        var b = new Builder();
        b.Tuples(orgs, "admin", users);
        b.Tuples(orgs, "member", users);
        b.Tuples(folders, "organization", orgs);
        // Parents point only to lower folders, so no cycle can form.
        b.Tuples(["folder:f1"], "parent", ["folder:f0"]);
        b.Tuples(["folder:f2"], "parent", ["folder:f1", "folder:f0"]);
        b.Tuples(folders, "owner", users);
        b.Tuples(folders, "viewer", users);
        b.Tuples(documents, "folder", folders);
        b.Tuples(documents, "editor", users);
        b.Tuples(documents, "viewer", users);

        b.Checks(orgs, ["admin", "member"], users);
        b.Checks(folders, ["owner", "viewer"], users);
        b.Checks(documents, ["editor", "viewer"], users);
        return b.Build("chains", Compile("chains"), null, hammered: ["document:d1", "folder:f1"]);
    }

    /// <summary>team#member inside team#member, and repositories granted to teams.</summary>
    private static ModelUniverse Nested()
    {
        var users = Ids("user", "u0", "u1", "u2");
        var teams = Ids("team", "t0", "t1", "t2", "t3");
        var repos = Ids("repo", "r0", "r1");
        var b = new Builder();
        b.Tuples(teams, "member", users);
        // A team contains only higher teams, so no cycle can form.
        for (var i = 0; i < teams.Length; i++)
        {
            b.Tuples([teams[i]], "member", teams[(i + 1)..].Select(t => t + "#member").ToArray());
        }

        b.Tuples(teams, "lead", users[..2]);
        b.Tuples(repos, "owner", teams);
        b.Tuples(repos, "maintainer", [.. users, .. teams.Select(t => t + "#member")]);
        b.Tuples(repos, "reader", [.. users, .. teams.Select(t => t + "#member")]);

        b.Checks(teams, ["member", "lead"], users);
        b.Checks(repos, ["maintainer", "reader"], users);
        return b.Build("nested", Compile("nested"), null, hammered: ["repo:r1", "team:t3"]);
    }

    /// <summary>Wildcards, and, but not.</summary>
    private static ModelUniverse Logic()
    {
        var users = Ids("user", "u0", "u1", "u2");
        var groups = Ids("group", "g0", "g1");
        var docs = Ids("doc", "x0", "x1", "x2");
        var b = new Builder();
        b.Tuples(groups, "member", [.. users, "user:*"]);
        b.Tuples(docs, "viewer", [.. users, "user:*", .. groups.Select(g => g + "#member")]);
        b.Tuples(docs, "approver", [.. users, "user:*"]);
        b.Tuples(docs, "blocked", [.. users, "user:*", .. groups.Select(g => g + "#member")]);

        b.Checks(groups, ["member"], users);
        b.Checks(docs, ["viewer", "approver", "blocked", "can_view", "can_approve", "can_act", "can_see"], users);
        return b.Build("logic", Compile("logic"), null, hammered: ["doc:x2", "group:g1"]);
    }

    /// <summary>
    /// A condition on direct, wildcard, userset, tupleset and excluded grants, its limit on the tuple and its amount in
    /// the check; grants change the condition of tuples of every kind.
    /// </summary>
    private static ModelUniverse Conditions()
    {
        var users = Ids("user", "u0", "u1", "u2");
        var teams = Ids("team", "t0", "t1");
        var accounts = Ids("account", "a0", "a1");
        var b = new Builder();
        b.Tuples(teams, "member", users, null, UnderLimit(10), UnderLimit(100));
        b.Tuples(accounts, "owner", teams, null, UnderLimit(10));
        b.Tuples(accounts, "spender", users, UnderLimit(10), UnderLimit(100));
        b.Tuples(accounts, "spender", ["user:*"], UnderLimit(50), UnderLimit(10));
        b.Tuples(accounts, "spender", teams.Select(t => t + "#member").ToArray(), null, UnderLimit(10));
        b.Tuples(accounts, "frozen", users, UnderLimit(20));
        b.Tuples(accounts, "viewer", [.. users, "user:*"]);

        foreach (var amount in new[] { 5, 30, 500 })
        {
            b.Checks(teams, ["member"], users, Context("amount", amount));
            b.Checks(accounts, ["spender", "frozen", "viewer", "can_spend"], users, Context("amount", amount));
        }

        return b.Build("conditions", Compile("conditions"), new Dictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>>
        {
            ["under_limit"] = context => Number(context, "amount") < Number(context, "limit"),
        }, hammered: ["account:a1"]);
    }

    private static FgaModelInfo Compile(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"ReadYourWrites.{name}.fga")
            ?? throw new InvalidOperationException($"The model {name}.fga is not embedded in the test assembly.");
        using var reader = new StreamReader(stream);
        var result = FgaCompiler.Compile(reader.ReadToEnd(), $"{name}.fga");
        if (result.Model is null || !result.Diagnostics.IsEmpty)
        {
            throw new InvalidOperationException($"{name}.fga does not compile: {string.Join("; ", result.Diagnostics.Select(d => d.Message))}");
        }

        return new FgaModelInfo(ModelJsonWriter.Write(result.Model), []);
    }

    private static string[] Ids(string type, params string[] ids) => ids.Select(id => $"{type}:{id}").ToArray();

    private static Dictionary<string, object?> Context(string key, object value) => new(StringComparer.Ordinal) { [key] = value };

    private static RelationshipCondition NonExpired(TimeSpan duration) => new("non_expired", new Dictionary<string, object?>
    {
        ["grant_time"] = Timestamp(GrantedAt),
        ["grant_duration"] = $"{(long)duration.TotalSeconds}s",
    });

    private static RelationshipCondition UnderLimit(int limit) => new("under_limit", new Dictionary<string, object?> { ["limit"] = limit });

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Text(IReadOnlyDictionary<string, object?> context, string key) =>
        context.TryGetValue(key, out var value) && value is string text ? text : throw new InvalidOperationException($"The condition needs {key}.");

    private static long Number(IReadOnlyDictionary<string, object?> context, string key) =>
        context.TryGetValue(key, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : throw new InvalidOperationException($"The condition needs {key}.");

    private static TimeSpan Seconds(string duration) =>
        duration.EndsWith('s') ? TimeSpan.FromSeconds(long.Parse(duration[..^1], CultureInfo.InvariantCulture)) : throw new FormatException(duration);

    private sealed class Builder
    {
        private readonly List<Slot> _slots = [];
        private readonly List<CheckCase> _checks = [];

        public void Tuples(string[] objects, string relation, string[] users, params RelationshipCondition?[] variants)
        {
            foreach (var @object in objects)
            {
                foreach (var user in users)
                {
                    _slots.Add(new Slot(_slots.Count, user, relation, @object, variants.Length == 0 ? [null] : variants));
                }
            }
        }

        public void Checks(string[] objects, string[] relations, string[] users, IReadOnlyDictionary<string, object?>? context = null)
        {
            foreach (var @object in objects)
            {
                foreach (var relation in relations)
                {
                    foreach (var user in users)
                    {
                        _checks.Add(new CheckCase(_checks.Count, user, relation, @object, context));
                    }
                }
            }
        }

        public ModelUniverse Build(
            string name, FgaModelInfo model, IReadOnlyDictionary<string, Func<IReadOnlyDictionary<string, object?>, bool>>? conditions, string[] hammered) =>
            new(name, model, new ReferenceModel(model.Json, conditions), _slots, _checks, new HashSet<string>(hammered, StringComparer.Ordinal));
    }
}
