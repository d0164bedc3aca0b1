using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes the set struct of one type (<c>DocumentSet</c>, returned by <c>Fga.Documents</c>): per relation a list-objects
/// method (<c>WhereCanView</c>) and its streamed twin (<c>StreamWhereCanView</c>), both one-line forwarders to the
/// runtime's <c>FgaObjectQuery&lt;T&gt;</c>, which returns the generated objects rather than strings.
/// </summary>
internal static class ObjectSetEmitter
{
    private const string Parameters = "<TSubject>(TSubject subject, CheckContext? context = null, ContextualTuples? contextualTuples = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => _query.";
    private const string Arguments = ", subject, context, contextualTuples, cancellationToken);";

    public static void Write(SourceWriter writer, ObjectTypeSpec type)
    {
        var name = type.SetStructName;
        var objectName = type.Identifier;
        var typeName = CSharp.Xml(type.Name);
        writer.Start().Append("/// <summary>Every <c>").Append(typeName).Append("</c> object, from <c>Fga.").Append(type.SetPropertyName)
            .Append("</c>: the objects on which a subject has a relation, as <see cref=\"").Append(objectName).Append("\"/> values.</summary>").End();
        writer.WriteLine("[" + CSharp.GeneratedCode + "]");
        writer.Start().Append("public readonly struct ").Append(name).End();
        writer.OpenBlock();
        writer.Start().Append("private readonly FgaObjectQuery<").Append(objectName).Append("> _query;").End();
        writer.WriteLine();
        writer.Start().Append("internal ").Append(name).Append("(IFgaClient? client) => _query = new(client);").End();
        writer.WriteLine();
        writer.Start().Append("private ").Append(name).Append("(FgaObjectQuery<").Append(objectName).Append("> query) => _query = query;").End();
        var list = "public " + CSharp.Tasks + "ValueTask<" + CSharp.Collections + "IReadOnlyList<" + objectName + ">> ";
        var stream = "public " + CSharp.Collections + "IAsyncEnumerable<" + objectName + "> Stream";
        foreach (var relation in type.Relations)
        {
            var relationName = CSharp.Literal(relation.Name);
            var qualified = CSharp.Xml(relation.QualifiedName);
            writer.WriteLine();
            writer.Start().Append("/// <summary>The objects on which the subject has <c>").Append(qualified).Append("</c>, at most the server's limit, in no order.</summary>").End();
            writer.Start().Append(list).Append(relation.WhereMethodName).Append(Parameters).Append("ListAsync(").Append(relationName).Append(Arguments).End();
            writer.Start().Append("/// <summary>The objects on which the subject has <c>").Append(qualified).Append("</c>, streamed as the server finds them.</summary>").End();
            writer.Start().Append(stream).Append(relation.WhereMethodName).Append(Parameters).Append("StreamAsync(").Append(relationName).Append(Arguments).End();
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>The same set, queried with <paramref name=\"consistency\"/>: <c>FgaConsistency.HigherConsistency</c> skips the server's caches.</summary>");
        writer.WriteLine("/// <param name=\"consistency\">How fresh the answers must be.</param>");
        writer.Start().Append("public ").Append(name).Append(" WithConsistency(FgaConsistency consistency) => new(_query.WithConsistency(consistency));").End();
        writer.CloseBlock();
    }
}
