extern alias generator;

using generator::TypedFga.Language.Model;

namespace TypedFga.Generator.Tests.Support;

/// <summary>Builds <see cref="AuthorizationModel"/> values by hand, so the emitters can be tested without the parser.</summary>
internal static class ModelFactory
{
    public static AuthorizationModel Model(TypeDefinition[] types, params ConditionDefinition[] conditions) =>
        new("1.1", new EquatableArray<TypeDefinition>(types), new EquatableArray<ConditionDefinition>(conditions));

    public static TypeDefinition Type(string name, params RelationDefinition[] relations) =>
        new(name, new EquatableArray<RelationDefinition>(relations), IsCritical: false, At(name));

    public static TypeDefinition CriticalType(string name, params RelationDefinition[] relations) =>
        Type(name, relations) with { IsCritical = true };

    /// <summary>A relation that is only <c>[restrictions]</c>; restrictions are written as in the DSL (<c>user with cond</c>).</summary>
    public static RelationDefinition Direct(string name, params string[] restrictions) =>
        new(name, new DirectRewrite(), Restrictions(restrictions), IsCritical: false, At(name));

    /// <summary>A relation <c>[restrictions] or other...</c>.</summary>
    public static RelationDefinition DirectOr(string name, string[] restrictions, params Rewrite[] others) =>
        new(name, Union([new DirectRewrite(), .. others]), Restrictions(restrictions), IsCritical: false, At(name));

    public static RelationDefinition Computed(string name, Rewrite rewrite) =>
        new(name, rewrite, EquatableArray<TypeRestriction>.Empty, IsCritical: false, At(name));

    public static RelationDefinition Critical(RelationDefinition relation) => relation with { IsCritical = true };

    public static Rewrite Ref(string relation) => new ComputedUsersetRewrite(relation, SourceSpan.None);

    public static Rewrite From(string relation, string tupleset) => new TupleToUsersetRewrite(tupleset, relation, SourceSpan.None);

    public static Rewrite Union(params Rewrite[] children) => new UnionRewrite(Nodes(children));

    public static Rewrite Intersection(params Rewrite[] children) => new IntersectionRewrite(Nodes(children));

    public static Rewrite ButNot(Rewrite @base, Rewrite subtract) => new DifferenceRewrite(new RewriteNode(@base), new RewriteNode(subtract));

    public static ConditionDefinition Condition(string name, string expression, params (string Name, ConditionParameterType Type)[] parameters) =>
        new(name, new EquatableArray<ConditionParameter>(parameters.Select(p => new ConditionParameter(p.Name, p.Type)).ToArray()), expression, At(name));

    public static ConditionParameterType Scalar(ConditionParameterKind kind) => new(kind);

    public static ConditionParameterType ListOf(ConditionParameterKind kind) => new(ConditionParameterKind.List, new ConditionParameterType(kind));

    public static ConditionParameterType MapOf(ConditionParameterKind kind) => new(ConditionParameterKind.Map, new ConditionParameterType(kind));

    /// <summary>A span that identifies a name in tests (offset from its hash, on line 1).</summary>
    public static SourceSpan At(string name) => new(0, name.Length, 0, 0, 0, name.Length);

    /// <summary>The repository's <c>model.fga</c>, built by hand.</summary>
    public static AuthorizationModel Sample() => Model(
        [
            Type("user"),
            Type(
                "team",
                Direct("member", "user", "team#member"),
                Critical(Direct("maintainer", "user"))),
            Type(
                "folder",
                Critical(Direct("owner", "user")),
                Direct("parent", "folder"),
                DirectOr("editor", ["user", "team#member"], Ref("owner"), From("editor", "parent")),
                DirectOr("viewer", ["user", "user:*", "team#member"], Ref("editor"), From("viewer", "parent"))),
            Type(
                "document",
                Direct("parent", "folder"),
                Critical(Direct("owner", "user")),
                DirectOr("editor", ["user", "team#member"], Ref("owner"), From("editor", "parent")),
                DirectOr("viewer", ["user", "user:*", "team#member", "user with non_expired"], Ref("editor"), From("viewer", "parent")),
                Direct("blocked", "user"),
                Direct("approver", "user", "team#member"),
                Computed("can_view", ButNot(Ref("viewer"), Ref("blocked"))),
                Computed("can_edit", ButNot(Ref("editor"), Ref("blocked"))),
                Computed("can_publish", Intersection(Ref("editor"), Ref("approver")))),
            CriticalType("audit_log", Direct("reader", "user", "team#member")),
        ],
        Condition(
            "non_expired",
            "current_time < grant_time + grant_duration",
            ("current_time", Scalar(ConditionParameterKind.Timestamp)),
            ("grant_time", Scalar(ConditionParameterKind.Timestamp)),
            ("grant_duration", Scalar(ConditionParameterKind.Duration))));

    private static EquatableArray<RewriteNode> Nodes(Rewrite[] children) =>
        new(children.Select(c => new RewriteNode(c)).ToArray());

    private static EquatableArray<TypeRestriction> Restrictions(string[] restrictions) =>
        new(restrictions.Select(Restriction).ToArray());

    private static TypeRestriction Restriction(string text)
    {
        var parts = text.Split(" with ");
        var subject = parts[0];
        var condition = parts.Length > 1 ? parts[1] : null;
        if (subject.EndsWith(":*", StringComparison.Ordinal))
        {
            return new TypeRestriction(subject[..^2], null, IsWildcard: true, condition, At(text));
        }

        var hash = subject.IndexOf('#', StringComparison.Ordinal);
        return hash < 0
            ? new TypeRestriction(subject, null, IsWildcard: false, condition, At(text))
            : new TypeRestriction(subject[..hash], subject[(hash + 1)..], IsWildcard: false, condition, At(text));
    }
}
