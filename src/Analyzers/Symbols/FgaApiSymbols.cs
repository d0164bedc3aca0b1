using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace TypedFga.Analyzers.Symbols;

/// <summary>
/// The TypedFga marker types of one compilation, resolved once in a compilation-start action, and what
/// they say about the generated relation types met during analysis (cached, since the same few types are
/// met at every call site).
/// </summary>
internal sealed class FgaApiSymbols
{
    private const string RelationAttributeName = "TypedFga.Typed.FgaRelationAttribute";
    private const string CriticalAttributeName = "TypedFga.Typed.FgaCriticalAttribute";
    private const string ObjectInterfaceName = "TypedFga.Typed.IFgaObject";
    private const string BatchCheckResultName = "TypedFga.Typed.FgaBatchCheckResult";

    private readonly INamedTypeSymbol _relationAttribute;
    private readonly INamedTypeSymbol? _criticalAttribute;
    private readonly ConcurrentDictionary<ITypeSymbol, RelationTypeInfo?> _relations = new(SymbolEqualityComparer.Default);
    private readonly Func<ITypeSymbol, RelationTypeInfo?> _describeRelation;

    private FgaApiSymbols(Compilation compilation, INamedTypeSymbol relationAttribute)
    {
        _relationAttribute = relationAttribute;
        _criticalAttribute = compilation.GetTypeByMetadataName(CriticalAttributeName);
        ObjectInterface = compilation.GetTypeByMetadataName(ObjectInterfaceName);
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        GenericValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        BatchCheckResult = compilation.GetTypeByMetadataName(BatchCheckResultName);
        ReadOnlyList = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1");
        _describeRelation = DescribeRelation;
    }

    /// <summary><c>TypedFga.Typed.IFgaObject</c>, or null when the compilation lacks it.</summary>
    public INamedTypeSymbol? ObjectInterface { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask</c>.</summary>
    public INamedTypeSymbol? ValueTask { get; }

    /// <summary><c>System.Threading.Tasks.ValueTask&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? GenericValueTask { get; }

    /// <summary><c>TypedFga.Typed.FgaBatchCheckResult</c>, what <c>Fga.BatchCheck</c> answers; null when the runtime lacks it.</summary>
    public INamedTypeSymbol? BatchCheckResult { get; }

    /// <summary><c>System.Collections.Generic.IReadOnlyList&lt;T&gt;</c>.</summary>
    public INamedTypeSymbol? ReadOnlyList { get; }

    /// <summary>
    /// The symbols of <paramref name="compilation"/>, or null when it does not reference the TypedFga runtime
    /// (then no generated API can be in use and the analyzers register nothing).
    /// </summary>
    public static FgaApiSymbols? TryCreate(Compilation compilation)
    {
        var relationAttribute = compilation.GetTypeByMetadataName(RelationAttributeName);
        return relationAttribute is null ? null : new FgaApiSymbols(compilation, relationAttribute);
    }

    /// <summary>The relation a generated relation type stands for, or null when <paramref name="type"/> is not one.</summary>
    public RelationTypeInfo? GetRelation(ITypeSymbol? type) =>
        type is INamedTypeSymbol { TypeKind: TypeKind.Struct or TypeKind.Class } ? _relations.GetOrAdd(type, _describeRelation) : null;

    /// <summary>True when the symbol carries <c>[FgaCritical]</c>.</summary>
    public bool IsMarkedCritical(ISymbol? symbol)
    {
        if (symbol is null || _criticalAttribute is null)
        {
            return false;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _criticalAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when a call on <paramref name="relation"/> reached through <paramref name="receiver"/> writes a critical
    /// relation: the relation type is marked, or the property it was read from, or the object type declaring that property
    /// (a type marked <c># @critical</c> makes all its relations critical).
    /// </summary>
    public bool IsCritical(RelationTypeInfo relation, IOperation? receiver)
    {
        if (relation.IsCritical)
        {
            return true;
        }

        return receiver is IPropertyReferenceOperation property
            && (IsMarkedCritical(property.Property) || IsMarkedCritical(property.Property.ContainingType));
    }

    /// <summary>True when <paramref name="type"/> is <c>ValueTask</c> or <c>ValueTask&lt;T&gt;</c>.</summary>
    public bool IsValueTask(ITypeSymbol type) =>
        SymbolEqualityComparer.Default.Equals(type, ValueTask)
        || SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, GenericValueTask);

    /// <summary>
    /// True when <paramref name="type"/> is the answer of a generated query that is not made on a relation type:
    /// <c>ValueTask&lt;FgaBatchCheckResult&gt;</c> (<c>Fga.BatchCheck</c>) or <c>ValueTask&lt;IReadOnlyList&lt;T&gt;&gt;</c>
    /// of a generated object type (<c>Fga.Documents.WhereCanView</c>).
    /// </summary>
    public bool IsQueryAnswer(ITypeSymbol type)
    {
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } task
            || !SymbolEqualityComparer.Default.Equals(task.OriginalDefinition, GenericValueTask))
        {
            return false;
        }

        var answer = task.TypeArguments[0];
        if (BatchCheckResult is not null && SymbolEqualityComparer.Default.Equals(answer, BatchCheckResult))
        {
            return true;
        }

        return answer is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } list
            && SymbolEqualityComparer.Default.Equals(list.OriginalDefinition, ReadOnlyList)
            && ObjectInterface is not null
            && list.TypeArguments[0].AllInterfaces.Contains(ObjectInterface, SymbolEqualityComparer.Default);
    }

    private RelationTypeInfo? DescribeRelation(ITypeSymbol type)
    {
        string? objectType = null;
        string? relation = null;
        var critical = false;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _relationAttribute)
                && attribute.ConstructorArguments.Length == 2
                && attribute.ConstructorArguments[0].Value is string typeName
                && attribute.ConstructorArguments[1].Value is string relationName)
            {
                objectType = typeName;
                relation = relationName;
            }
            else if (_criticalAttribute is not null && SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, _criticalAttribute))
            {
                critical = true;
            }
        }

        return objectType is null || relation is null ? null : new RelationTypeInfo(objectType, relation, critical);
    }
}
