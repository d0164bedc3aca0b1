using TypedFga.Language.Model;

namespace TypedFga.Generator.Model;

/// <summary>Everything the emitters need to write the typed client for one <c>.fga</c> file.</summary>
/// <param name="Namespace">The namespace of the <c>Fga</c> class; supporting types go to <c>{Namespace}.FgaTypes</c>.</param>
/// <param name="ModelJson">The model as OpenFGA JSON, embedded in <c>Fga.Model</c>.</param>
/// <param name="Types">Object types, ordinal-sorted by model name.</param>
/// <param name="Wildcards">Types that appear as <c>type:*</c> in some restriction, ordinal-sorted.</param>
/// <param name="Conditions">Conditions used by some restriction, ordinal-sorted.</param>
/// <param name="CriticalRelations">Relations marked <c># @critical</c>, as <c>type#relation</c>, ordinal-sorted.</param>
internal sealed record ModelSpec(
    string Namespace,
    string ModelJson,
    EquatableArray<ObjectTypeSpec> Types,
    EquatableArray<WildcardSpec> Wildcards,
    EquatableArray<ConditionSpec> Conditions,
    EquatableArray<string> CriticalRelations)
{
    /// <summary>The namespace of the supporting types.</summary>
    public string TypesNamespace => Namespace + ".FgaTypes";
}

/// <summary>A model type: a C# object struct plus one struct per relation, and a set struct for list objects.</summary>
/// <param name="Name">The type's name in the model, for example <c>document</c>.</param>
/// <param name="Identifier">The C# name of its struct and its factory on <c>Fga</c>.</param>
/// <param name="SetPropertyName">The plural property on <c>Fga</c> that lists its objects (<c>Documents</c>).</param>
/// <param name="SetStructName">The struct of that property (<c>DocumentSet</c>).</param>
/// <param name="Relations">Its relations, ordinal-sorted by model name.</param>
internal sealed record ObjectTypeSpec(string Name, string Identifier, string SetPropertyName, string SetStructName, EquatableArray<RelationSpec> Relations);

/// <summary>A relation of a type.</summary>
/// <param name="TypeName">The model name of the type it belongs to.</param>
/// <param name="Name">The relation's name in the model.</param>
/// <param name="PropertyName">Its property on the object struct (<c>Editors</c>, <c>CanView</c>).</param>
/// <param name="StructName">Its struct (<c>DocumentEditors</c>).</param>
/// <param name="Definition">The relation's definition as DSL text, for documentation.</param>
/// <param name="IsCritical">Marked <c># @critical</c>.</param>
/// <param name="Subjects">The subject kinds its direct type restriction allows; empty when not directly assignable.</param>
/// <param name="ObjectStructName">The C# struct of the type it belongs to (<c>Document</c>).</param>
/// <param name="WhereMethodName">Its list-objects method on the type's set struct (<c>WhereCanView</c>).</param>
/// <param name="UserKinds">The user kinds a list-users query on it can return, ordinal-sorted by filter.</param>
internal sealed record RelationSpec(
    string TypeName,
    string Name,
    string PropertyName,
    string StructName,
    string Definition,
    bool IsCritical,
    EquatableArray<SubjectSpec> Subjects,
    string ObjectStructName,
    string WhereMethodName,
    EquatableArray<UserKindSpec> UserKinds)
{
    /// <summary>The relation as <c>type#relation</c>.</summary>
    public string QualifiedName => TypeName + "#" + Name;
}

/// <summary>One entry of a direct type restriction, as a C# parameter type.</summary>
/// <param name="Restriction">The entry as written in the model, without its condition: <c>team#member</c>.</param>
/// <param name="StructName">The C# struct that stands for it: <c>User</c>, <c>TeamMembers</c>, <c>AnyUser</c>.</param>
/// <param name="ConditionName">The condition the entry requires, if any.</param>
/// <param name="ConditionStructName">The C# struct of that condition.</param>
internal sealed record SubjectSpec(string Restriction, string StructName, string? ConditionName, string? ConditionStructName);

/// <summary>A user kind of a list-users query: an object type or a userset.</summary>
/// <param name="Filter">The list-users filter: <c>user</c> or <c>team#member</c>.</param>
/// <param name="StructName">The C# struct that stands for it: <c>User</c>, <c>TeamMembers</c>.</param>
internal sealed record UserKindSpec(string Filter, string StructName);

/// <summary>A type that appears as <c>type:*</c>: <c>Fga.AnyUser</c>.</summary>
internal sealed record WildcardSpec(string TypeName, string StructName);

/// <summary>A condition, emitted as a struct whose constructor takes its parameters.</summary>
/// <param name="Name">The condition's name in the model.</param>
/// <param name="StructName">The C# struct (<c>NonExpiredCondition</c>).</param>
/// <param name="Expression">The CEL expression, for documentation.</param>
/// <param name="Parameters">Its parameters, in the model's order.</param>
internal sealed record ConditionSpec(string Name, string StructName, string Expression, EquatableArray<ConditionParameterSpec> Parameters);

/// <summary>A condition parameter.</summary>
/// <param name="Name">The parameter's name in the model (the context key).</param>
/// <param name="PropertyName">The C# property (<c>GrantTime</c>).</param>
/// <param name="ParameterName">The C# constructor parameter (<c>grantTime</c>).</param>
/// <param name="ClrType">The C# type without nullability, global-qualified.</param>
/// <param name="IsValueType">True when <see cref="ClrType"/> is a value type (written <c>T?</c> as <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="ModelType">The parameter type as written in the model: <c>list&lt;string&gt;</c>.</param>
internal sealed record ConditionParameterSpec(
    string Name,
    string PropertyName,
    string ParameterName,
    string ClrType,
    bool IsValueType,
    string ModelType);
