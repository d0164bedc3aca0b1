using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes <c>{Namespace}.FgaTypes.{Type}.g.cs</c>: the struct for one model type (<c>Document</c>) and one
/// struct per relation (<c>DocumentEditors</c>), written by <see cref="RelationEmitter"/>.
/// </summary>
internal static class ObjectTypeEmitter
{
    public static string Emit(ModelSpec spec, ObjectTypeSpec type)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.WriteLine("namespace " + spec.TypesNamespace);
        writer.OpenBlock();
        WriteObjectStruct(writer, spec, type);
        foreach (var relation in type.Relations)
        {
            writer.WriteLine();
            RelationEmitter.Write(writer, spec, relation);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteObjectStruct(SourceWriter writer, ModelSpec spec, ObjectTypeSpec type)
    {
        var name = type.Identifier;
        var typeLiteral = CSharp.Literal(type.Name);
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// An object of the model type <c>" + CSharp.Xml(type.Name) + "</c> (<c>" + CSharp.Xml(type.Name) + ":{id}</c>), with one property per relation.");
        writer.WriteLine("/// Create it with <c>Fga." + name + "(id)</c>; it can also stand as a subject where the model allows <c>" + CSharp.Xml(type.Name) + "</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("public readonly struct " + name + " : global::TypedFga.Typed.IFgaObject, global::System.IEquatable<global::" + spec.TypesNamespace + "." + name + ">");
        writer.OpenBlock();
        writer.WriteLine("private readonly string? _id;");
        writer.WriteLine("private readonly " + CSharp.Client + "? _client;");
        writer.WriteLine();
        writer.WriteLine("internal " + name + "(string id, " + CSharp.Client + "? client)");
        writer.OpenBlock();
        writer.WriteLine("_id = global::TypedFga.Typed.FgaObjectId.Validate(id, nameof(id));");
        writer.WriteLine("_client = client;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>The model type: <c>" + CSharp.Xml(type.Name) + "</c>.</summary>");
        writer.WriteLine("public string Type => " + typeLiteral + ";");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object's id.</summary>");
        writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">The value is <c>default</c>, not created through a factory.</exception>");
        writer.WriteLine("public string Id => _id ?? throw global::TypedFga.Typed.FgaObjectId.NotInitialized(" + typeLiteral + ");");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object as OpenFGA writes it: <c>" + CSharp.Xml(type.Name) + ":{id}</c>.</summary>");
        writer.WriteLine("public string Subject => " + CSharp.Literal(type.Name + ":") + " + Id;");
        foreach (var relation in type.Relations)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The relation <c>" + CSharp.Xml(relation.Name) + "</c>, defined as <c>" + CSharp.Xml(relation.Definition) + "</c>.</summary>");
            writer.WriteLine("public global::" + spec.TypesNamespace + "." + relation.StructName + " " + relation.PropertyName
                + " => new global::" + spec.TypesNamespace + "." + relation.StructName + "(Subject, _client);");
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>True when both values stand for the same object, whichever client they are bound to.</summary>");
        writer.WriteLine("public bool Equals(global::" + spec.TypesNamespace + "." + name + " other) => string.Equals(_id, other._id, global::System.StringComparison.Ordinal);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override bool Equals(object? obj) => obj is global::" + spec.TypesNamespace + "." + name + " other && Equals(other);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override int GetHashCode() => _id is null ? 0 : global::System.StringComparer.Ordinal.GetHashCode(_id);");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object as OpenFGA writes it, <c>" + CSharp.Xml(type.Name) + ":{id}</c>.</summary>");
        writer.WriteLine("public override string ToString() => " + CSharp.Literal(type.Name + ":") + " + _id;");
        writer.CloseBlock();
    }
}
