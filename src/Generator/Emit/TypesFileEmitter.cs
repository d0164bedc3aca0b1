using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes <c>{Namespace}.FgaTypes.g.cs</c>: in the file-scoped namespace <c>{Namespace}.FgaTypes</c> with the shared
/// aliases, the struct of every model type (<c>Document</c>) followed by its relation structs (<c>DocumentEditors</c>,
/// written by <see cref="RelationEmitter"/>) and its set (<c>DocumentSet</c>, <see cref="ObjectSetEmitter"/>), then the wildcard subjects and the condition structs. One file rather
/// than one per type: large models then cost one text and one tree instead of hundreds.
/// </summary>
internal static class TypesFileEmitter
{
    public static string Emit(ModelSpec spec)
    {
        var interfaces = new SubjectInterfaces(spec);
        var writer = new SourceWriter(EstimateLength(spec));
        writer.WriteFileHeader();
        writer.WriteLine("namespace " + spec.TypesNamespace + ";");
        writer.WriteLine();
        CSharp.WriteAliases(writer);
        foreach (var type in spec.Types)
        {
            writer.WriteLine();
            WriteObjectStruct(writer, type, interfaces);
            foreach (var relation in type.Relations)
            {
                writer.WriteLine();
                RelationEmitter.Write(writer, relation, interfaces);
            }

            writer.WriteLine();
            ObjectSetEmitter.Write(writer, type);
        }

        foreach (var wildcard in spec.Wildcards)
        {
            writer.WriteLine();
            WriteWildcard(writer, wildcard, interfaces);
        }

        foreach (var condition in spec.Conditions)
        {
            writer.WriteLine();
            ConditionEmitter.Write(writer, condition);
        }

        return writer.ToString();
    }

    private static void WriteObjectStruct(SourceWriter writer, ObjectTypeSpec type, SubjectInterfaces interfaces)
    {
        var name = type.Identifier;
        var typeName = CSharp.Xml(type.Name);
        var typeLiteral = CSharp.Literal(type.Name);
        var prefix = CSharp.Literal(type.Name + ":");
        writer.Start().Append("/// <summary>An object of the model type <c>").Append(typeName).Append("</c> (<c>").Append(typeName).Append(":{id}</c>) from <c>Fga.")
            .Append(name).Append("(id)</c>, with one property per relation; it is also a subject where the model allows <c>").Append(typeName).Append("</c>.</summary>").End();
        writer.WriteLine("[" + CSharp.GeneratedCode + "]");
        writer.Start().Append("public readonly struct ").Append(name);
        interfaces.WriteBaseList(writer, name, "IFgaObject, IFgaSubjectKind<" + name + ">, global::System.IEquatable<" + name + ">", firstImplied: false);
        writer.End();
        writer.OpenBlock();
        writer.WriteLine("private readonly FgaId _id;");
        writer.WriteLine("private readonly IFgaClient? _client;");
        writer.WriteLine();
        // The factories check string ids; numbers and Guids stay unformatted until a call needs the string.
        writer.WriteLine("internal " + name + "(FgaId id, IFgaClient? client)");
        writer.OpenBlock();
        writer.WriteLine("_id = id;");
        writer.WriteLine("_client = client;");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("/// <summary>The model type: <c>" + typeName + "</c>.</summary>");
        writer.WriteLine("public string Type => " + typeLiteral + ";");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object's id.</summary>");
        writer.WriteLine("/// <exception cref=\"global::System.InvalidOperationException\">The value is <c>default</c>, not created through a factory.</exception>");
        writer.WriteLine("public string Id => _id.IsDefault ? throw FgaObjectId.NotInitialized(" + typeLiteral + ") : _id.ToString();");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object as OpenFGA writes it: <c>" + typeName + ":{id}</c>.</summary>");
        writer.WriteLine("public string Subject => " + prefix + " + Id;");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("FgaSubjectParts IFgaSubject.SubjectParts => new(" + typeLiteral + ", _id);");
        SubjectKindEmitter.Write(writer, name, type.Name, null);
        writer.WriteLine();
        writer.WriteLine("/// <summary>The tuples stored directly on the object, of all its relations, with the grants and revokes pending in write-behind marked.</summary>");
        writer.WriteLine("/// <param name=\"consistency\">How fresh the answer must be.</param>");
        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the read.</param>");
        writer.Start().Append("public ").Append(CSharp.Collections).Append("IAsyncEnumerable<FgaTuple<").Append(name)
            .Append(">> ReadTuples(FgaConsistency consistency = FgaConsistency.MinimizeLatency, CancellationToken cancellationToken = default) => ")
            .Append("FgaTupleReader.ReadAsync(this, null, _client, consistency, cancellationToken);").End();
        foreach (var relation in type.Relations)
        {
            writer.WriteLine();
            writer.Start().Append("/// <summary>").Append(RelationEmitter.Summary(relation)).Append("</summary>").End();
            writer.Start().Append("public ").Append(relation.StructName).Append(" ").Append(relation.PropertyName).Append(" => new(_id, _client);").End();
        }

        writer.WriteLine();
        writer.WriteLine("/// <summary>True when both values stand for the same object, whichever client they are bound to.</summary>");
        writer.WriteLine("public bool Equals(" + name + " other) => _id.Equals(other._id);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override bool Equals(object? obj) => obj is " + name + " other && Equals(other);");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override int GetHashCode() => _id.GetHashCode();");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The object as OpenFGA writes it, <c>" + typeName + ":{id}</c>.</summary>");
        writer.WriteLine("public override string ToString() => " + prefix + " + _id.ToString();");
        writer.CloseBlock();
    }

    private static void WriteWildcard(SourceWriter writer, WildcardSpec wildcard, SubjectInterfaces interfaces)
    {
        var subject = CSharp.Xml(wildcard.TypeName + ":*");
        writer.WriteLine("/// <summary>Every <c>" + CSharp.Xml(wildcard.TypeName) + "</c>: the wildcard subject <c>" + subject + "</c>, allowed where the model says <c>" + subject + "</c>.</summary>");
        writer.WriteLine("[" + CSharp.GeneratedCode + "]");
        writer.Start().Append("public readonly struct ").Append(wildcard.StructName);
        interfaces.WriteBaseList(writer, wildcard.StructName, "IFgaSubject");
        writer.End();
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The subject as OpenFGA writes it: <c>" + subject + "</c>.</summary>");
        writer.WriteLine("public string Subject => " + CSharp.Literal(wildcard.TypeName + ":*") + ";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("FgaSubjectParts IFgaSubject.SubjectParts => new(" + CSharp.Literal(wildcard.TypeName) + ", FgaId.From(\"*\"));");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override string ToString() => Subject;");
        writer.CloseBlock();
    }

    // A close guess of the output size spares the builder its repeated growth on large models.
    private static int EstimateLength(ModelSpec spec)
    {
        var length = 8192;
        foreach (var type in spec.Types)
        {
            length += 2400;
            foreach (var relation in type.Relations)
            {
                length += 1800 + (relation.Definition.Length * 2) + (relation.Subjects.IsEmpty ? 0 : 1300) + (relation.Subjects.Count * 50);
            }
        }

        return length;
    }
}
