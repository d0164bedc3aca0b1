using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// A generated condition struct: its model name (the <c>Name</c> constant) and the parameters of the constructor
/// that sets the values a grant stores with the tuple.
/// </summary>
internal sealed record ConditionShape(string Name, ImmutableArray<string> Parameters)
{
    /// <summary>The shape of <paramref name="type"/>, or null when it is not a generated condition.</summary>
    public static ConditionShape? From(INamedTypeSymbol type)
    {
        string? name = null;
        var parameters = ImmutableArray<string>.Empty;
        foreach (var member in type.GetMembers())
        {
            switch (member)
            {
                case IFieldSymbol { Name: "Name", IsConst: true, ConstantValue: string value }:
                    name = value;
                    break;
                case IMethodSymbol { MethodKind: MethodKind.Constructor, Parameters.Length: > 0 } constructor when parameters.IsEmpty:
                    parameters = constructor.Parameters.Select(static parameter => parameter.Name).ToImmutableArray();
                    break;
            }
        }

        return name is null || parameters.IsEmpty ? null : new ConditionShape(name, parameters);
    }
}
