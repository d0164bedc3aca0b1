namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes the explicit static members of <c>IFgaSubjectKind&lt;T&gt;</c> into an object struct (<c>Document</c>) or a
/// userset struct (<c>TeamMembers</c>): its type, its relation, and how to build a value from an id.
/// </summary>
internal static class SubjectKindEmitter
{
    /// <summary>
    /// Writes the explicit static members of <c>IFgaSubjectKind&lt;T&gt;</c>, by which the typed queries build a value of
    /// <paramref name="structName"/> from a subject OpenFGA returns.
    /// </summary>
    public static void Write(SourceWriter writer, string structName, string typeName, string? relationName)
    {
        var kind = "IFgaSubjectKind<" + structName + ">.";
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.Start().Append("static string ").Append(kind).Append("SubjectType => ").Append(CSharp.Literal(typeName)).Append(";").End();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.Start().Append("static string? ").Append(kind).Append("SubjectRelation => ").Append(relationName is null ? "null" : CSharp.Literal(relationName)).Append(";").End();
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.Start().Append("static ").Append(structName).Append(" ").Append(kind).Append("FromId(FgaId id, IFgaClient? client) => new(id, client);").End();
    }
}
