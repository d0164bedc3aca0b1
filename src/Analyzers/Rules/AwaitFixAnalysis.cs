using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using TypedFga.Analyzers.Diagnostics;

namespace TypedFga.Analyzers.Rules;

/// <summary>
/// Decides, for FGA2002, whether <c>await</c> can be put in front of a dropped call, and whether the enclosing
/// method has to become <c>async</c> for it. The code fix trusts this answer, so it is conservative: no fix is
/// offered where adding <c>async</c> would change a signature others depend on or break other statements.
/// </summary>
internal static class AwaitFixAnalysis
{
    private const string TopLevelEntryPoint = "<Main>$";

    /// <summary>One of <see cref="AwaitFixKinds"/>, or null when no safe fix exists.</summary>
    public static string? Classify(IOperation call, ISymbol containingSymbol)
    {
        IOperation? body = null;
        IMethodSymbol? function = null;
        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            if (current is ILockOperation)
            {
                // 'await' is not allowed inside a lock statement.
                return null;
            }

            if (current is IAnonymousFunctionOperation lambda)
            {
                // A lambda that is not async yet would turn into 'async void' or change the delegate it converts to.
                return lambda.Symbol.IsAsync ? AwaitFixKinds.AddAwait : null;
            }

            if (current is ILocalFunctionOperation localFunction)
            {
                function = localFunction.Symbol;
                body = localFunction.Body;
                break;
            }

            body = current;
        }

        function ??= containingSymbol as IMethodSymbol;
        if (function is null)
        {
            return null;
        }

        if (function.IsAsync || function.Name == TopLevelEntryPoint)
        {
            return AwaitFixKinds.AddAwait;
        }

        return CanBecomeAsync(function, body) ? AwaitFixKinds.MakeAsync : null;
    }

    private static bool CanBecomeAsync(IMethodSymbol method, IOperation? body)
    {
        if (method.MethodKind is not (MethodKind.Ordinary or MethodKind.LocalFunction)
            || method.IsAbstract || method.IsExtern || method.IsOverride
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
            || !method.ExplicitInterfaceImplementations.IsEmpty || ImplementsInterfaceMember(method))
        {
            return false;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type.IsRefLikeType)
            {
                return false;
            }
        }

        if (method.ReturnsVoid)
        {
            return true;
        }

        // A non-generic Task/ValueTask method can become async when all it returns is an already completed task:
        // the fix turns those returns into plain 'return;'.
        return method.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" or "ValueTask" } returnType
            && returnType.ContainingNamespace.ToDisplayString() == "System.Threading.Tasks"
            && body is not null
            && ReturnsOnlyCompletedTasks(body);
    }

    private static bool ImplementsInterfaceMember(IMethodSymbol method)
    {
        if (method.MethodKind == MethodKind.LocalFunction || method.DeclaredAccessibility != Accessibility.Public)
        {
            return false;
        }

        foreach (var @interface in method.ContainingType.AllInterfaces)
        {
            foreach (var member in @interface.GetMembers(method.Name))
            {
                if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool ReturnsOnlyCompletedTasks(IOperation operation)
    {
        foreach (var child in operation.ChildOperations)
        {
            if (child is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } && !IsCompletedTask(value))
            {
                return false;
            }

            // Returns inside nested functions belong to those functions.
            if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation) && !ReturnsOnlyCompletedTasks(child))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsCompletedTask(IOperation value) =>
        value is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property }
        && property.ContainingType is { Name: "Task" or "ValueTask", IsGenericType: false };
}
