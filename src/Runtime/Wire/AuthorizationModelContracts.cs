using System.Text.Json.Serialization;

namespace TypedFga.Wire;

/// <summary>An authorization model in OpenFGA's JSON form (the WriteAuthorizationModel body, plus its id when read).</summary>
internal sealed record AuthorizationModel
{
    /// <summary>The model's id (a ULID); empty in a write request.</summary>
    public string? Id { get; init; }

    /// <summary>The schema version, <c>1.1</c> (or <c>1.2</c> for modular models).</summary>
    public string? SchemaVersion { get; init; }

    /// <summary>The types of the model.</summary>
    public IReadOnlyList<TypeDefinition>? TypeDefinitions { get; init; }

    /// <summary>The conditions of the model, by name.</summary>
    public IReadOnlyDictionary<string, Condition>? Conditions { get; init; }
}

/// <summary>A type and its relations.</summary>
internal sealed record TypeDefinition
{
    /// <summary>The type's name.</summary>
    public string? Type { get; init; }

    /// <summary>How each relation's members are found, by relation name.</summary>
    public IReadOnlyDictionary<string, Userset>? Relations { get; init; }

    /// <summary>Type restrictions of the directly assignable relations.</summary>
    public TypeMetadata? Metadata { get; init; }
}

/// <summary>A relation's rewrite: exactly one of its members is set.</summary>
internal sealed record Userset
{
    /// <summary>Direct assignment.</summary>
    public DirectUserset? This { get; init; }

    /// <summary>Another relation of the same object.</summary>
    [JsonPropertyName("computedUserset")]
    public ObjectRelation? ComputedUserset { get; init; }

    /// <summary>A relation of the objects related through a tupleset relation.</summary>
    [JsonPropertyName("tupleToUserset")]
    public TupleToUserset? TupleToUserset { get; init; }

    /// <summary>Any of the children.</summary>
    public Usersets? Union { get; init; }

    /// <summary>All of the children.</summary>
    public Usersets? Intersection { get; init; }

    /// <summary>The base but not the subtracted set.</summary>
    public Difference? Difference { get; init; }
}

/// <summary>The empty <c>this</c> marker of direct assignment.</summary>
internal sealed record DirectUserset;

/// <summary>An <c>object#relation</c> reference; in a model only the relation is used.</summary>
internal sealed record ObjectRelation
{
    /// <summary>Unused in models.</summary>
    public string? Object { get; init; }

    /// <summary>The relation.</summary>
    public string? Relation { get; init; }
}

/// <summary><c>computed from tupleset</c>.</summary>
internal sealed record TupleToUserset
{
    /// <summary>The relation whose tuples lead to the related objects.</summary>
    public ObjectRelation? Tupleset { get; init; }

    /// <summary>The relation evaluated on each related object.</summary>
    [JsonPropertyName("computedUserset")]
    public ObjectRelation? ComputedUserset { get; init; }
}

/// <summary>The children of a union or intersection.</summary>
internal sealed record Usersets
{
    /// <summary>The operands.</summary>
    public IReadOnlyList<Userset>? Child { get; init; }
}

/// <summary>An exclusion: <c>base but not subtract</c>.</summary>
internal sealed record Difference
{
    /// <summary>The set to start from.</summary>
    public Userset? Base { get; init; }

    /// <summary>The set to take away.</summary>
    public Userset? Subtract { get; init; }
}

/// <summary>A type's metadata.</summary>
internal sealed record TypeMetadata
{
    /// <summary>Per relation: its direct type restrictions.</summary>
    public IReadOnlyDictionary<string, RelationMetadata>? Relations { get; init; }

    /// <summary>The module that defines the type (modular models).</summary>
    public string? Module { get; init; }

    /// <summary>The source file of the type (modular models).</summary>
    public SourceInfo? SourceInfo { get; init; }
}

/// <summary>A relation's metadata.</summary>
internal sealed record RelationMetadata
{
    /// <summary>The user types a tuple of this relation may have.</summary>
    public IReadOnlyList<RelationReference>? DirectlyRelatedUserTypes { get; init; }

    /// <summary>The module that defines the relation (modular models).</summary>
    public string? Module { get; init; }

    /// <summary>The source file of the relation (modular models).</summary>
    public SourceInfo? SourceInfo { get; init; }
}

/// <summary>One entry of a type restriction: <c>user</c>, <c>user:*</c> or <c>group#member</c>, optionally with a condition.</summary>
internal sealed record RelationReference
{
    /// <summary>The user type.</summary>
    public string? Type { get; init; }

    /// <summary>The userset relation, for <c>group#member</c>.</summary>
    public string? Relation { get; init; }

    /// <summary>Set (to an empty object) for the typed wildcard <c>user:*</c>.</summary>
    public WildcardMarker? Wildcard { get; init; }

    /// <summary>The condition tuples of this kind must be written with.</summary>
    public string? Condition { get; init; }
}

/// <summary>The empty <c>wildcard</c> marker.</summary>
internal sealed record WildcardMarker;

/// <summary>Where a modular model's element was defined.</summary>
internal sealed record SourceInfo
{
    /// <summary>The file.</summary>
    public string? File { get; init; }
}

/// <summary>A condition: a CEL expression over typed parameters.</summary>
internal sealed record Condition
{
    /// <summary>The condition's name.</summary>
    public string? Name { get; init; }

    /// <summary>The CEL expression.</summary>
    public string? Expression { get; init; }

    /// <summary>The parameters, by name.</summary>
    public IReadOnlyDictionary<string, ConditionParamTypeRef>? Parameters { get; init; }

    /// <summary>Module information (modular models).</summary>
    public ConditionMetadata? Metadata { get; init; }
}

/// <summary>A condition parameter's type, e.g. <c>TYPE_NAME_LIST</c> with generic type <c>TYPE_NAME_STRING</c>.</summary>
internal sealed record ConditionParamTypeRef
{
    /// <summary>The type name, <c>TYPE_NAME_…</c>.</summary>
    public string? TypeName { get; init; }

    /// <summary>The element type of a list or map.</summary>
    public IReadOnlyList<ConditionParamTypeRef>? GenericTypes { get; init; }
}

/// <summary>A condition's module information.</summary>
internal sealed record ConditionMetadata
{
    /// <summary>The module.</summary>
    public string? Module { get; init; }

    /// <summary>The source file.</summary>
    public SourceInfo? SourceInfo { get; init; }
}
