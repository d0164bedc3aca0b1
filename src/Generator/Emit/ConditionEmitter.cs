using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes one struct per model condition whose constructor takes
/// the condition's parameters as typed optional arguments and which turns the given ones into the tuple's
/// <c>RelationshipCondition</c> (context keys as named in the model).
/// </summary>
internal static class ConditionEmitter
{
    /// <summary>Writes the struct of one condition, inside the aliased <c>{Namespace}.FgaTypes</c> block.</summary>
    public static void Write(SourceWriter writer, ConditionSpec condition)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The model condition <c>" + CSharp.Xml(condition.Name) + "</c>: <c>" + CSharp.Xml(CollapseWhitespace(condition.Expression)) + "</c>.");
        writer.WriteLine("/// Pass it to a <c>Grant</c> overload to write a conditioned tuple. Parameters given here are stored with the");
        writer.WriteLine("/// tuple; parameters left null must be supplied in the check's context.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("[" + CSharp.GeneratedCode + "]");
        writer.WriteLine("public readonly struct " + condition.StructName);
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The condition's name in the model.</summary>");
        writer.WriteLine("public const string Name = " + CSharp.Literal(condition.Name) + ";");
        if (!condition.Parameters.IsEmpty)
        {
            WriteConstructor(writer, condition);
        }

        foreach (var parameter in condition.Parameters)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>" + ParameterDoc(parameter) + "</summary>");
            writer.WriteLine("public " + parameter.ClrType + "? " + parameter.PropertyName + " { get; }");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>The condition with the parameter values given to the constructor, as written with a tuple.</summary>");
        writer.WriteLine("public RelationshipCondition ToRelationshipCondition()");
        writer.OpenBlock();
        writer.WriteLine("var context = new global::System.Collections.Generic.Dictionary<string, object?>(global::System.StringComparer.Ordinal);");
        foreach (var parameter in condition.Parameters)
        {
            writer.WriteLine(parameter.IsValueType
                ? "if (" + parameter.PropertyName + ".HasValue)"
                : "if (" + parameter.PropertyName + " is not null)");
            writer.OpenBlock();
            writer.WriteLine("context[" + CSharp.Literal(parameter.Name) + "] = " + parameter.PropertyName + (parameter.IsValueType ? ".Value;" : ";"));
            writer.CloseBlock();
            writer.WriteLine();
        }

        writer.WriteLine("return new RelationshipCondition(Name, context.Count == 0 ? null : context);");
        writer.CloseBlock();
        writer.CloseBlock();
    }
    private static void WriteConstructor(SourceWriter writer, ConditionSpec condition)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>Sets the parameters to store with the tuple; leave out those the check's context supplies.</summary>");
        foreach (var parameter in condition.Parameters)
        {
            writer.WriteLine("/// <param name=\"" + parameter.ParameterName.TrimStart('@') + "\">" + ParameterDoc(parameter) + "</param>");
        }

        var arguments = new string[condition.Parameters.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = condition.Parameters[i];
            arguments[i] = parameter.ClrType + "? " + parameter.ParameterName + " = null";
        }

        writer.WriteLine("public " + condition.StructName + "(" + string.Join(", ", arguments) + ")");
        writer.OpenBlock();
        foreach (var parameter in condition.Parameters)
        {
            writer.WriteLine(parameter.PropertyName + " = " + parameter.ParameterName + ";");
        }

        writer.CloseBlock();
    }

    private static string ParameterDoc(ConditionParameterSpec parameter) =>
        "The parameter <c>" + CSharp.Xml(parameter.Name) + "</c> (<c>" + CSharp.Xml(parameter.ModelType) + "</c>).";

    private static string CollapseWhitespace(string text) =>
        string.Join(" ", text.Split(new[] { ' ', '\t', '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries));
}
