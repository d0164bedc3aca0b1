using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes <c>{Namespace}.Fga.g.cs</c>: the static <c>Fga</c> entry point (model info, factories, wildcards,
/// <c>Using</c>), the <c>FgaClientView</c> that binds the same factories to one client, and the wildcard subjects.
/// </summary>
internal static class FgaClassEmitter
{
    public static string Emit(ModelSpec spec, string modelFileName)
    {
        var writer = new SourceWriter();
        writer.WriteFileHeader();
        writer.WriteLine("namespace " + spec.Namespace);
        writer.OpenBlock();
        WriteFgaClass(writer, spec, modelFileName);
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("namespace " + spec.TypesNamespace);
        writer.OpenBlock();
        WriteClientView(writer, spec);
        foreach (var wildcard in spec.Wildcards)
        {
            writer.WriteLine();
            WriteWildcard(writer, wildcard);
        }

        writer.CloseBlock();
        return writer.ToString();
    }

    private static void WriteFgaClass(SourceWriter writer, ModelSpec spec, string modelFileName)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The typed OpenFGA client generated from " + CSharp.Code(modelFileName) + ": one factory per model type");
        writer.WriteLine("/// (<c>Fga.Document(\"roadmap\").Editors.Grant(Fga.User(\"anne\"))</c>). Calls go to the client bound with");
        writer.WriteLine("/// <see cref=\"Using\"/>, else to <see cref=\"global::TypedFga.Typed.FgaClientContext.Current\"/> at the time of the call.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("public static partial class Fga");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The model as OpenFGA JSON and the relations it marks <c># @critical</c>.</summary>");
        writer.WriteLine("public static global::TypedFga.Typed.FgaModelInfo Model { get; } = new global::TypedFga.Typed.FgaModelInfo(");
        writer.WriteLine("    " + CSharp.Literal(spec.ModelJson) + ",");
        writer.WriteLine("    " + CriticalRelationsArray(spec) + ");");
        writer.WriteLine();
        writer.WriteLine("/// <summary>The same factories as <see cref=\"Fga\"/>, with every call going to <paramref name=\"client\"/>.</summary>");
        writer.WriteLine("/// <param name=\"client\">The client that objects created through the view use.</param>");
        writer.WriteLine("/// <exception cref=\"global::System.ArgumentNullException\"><paramref name=\"client\"/> is null.</exception>");
        writer.WriteLine("public static global::" + spec.TypesNamespace + ".FgaClientView Using(" + CSharp.Client + " client)");
        writer.OpenBlock();
        writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(client);");
        writer.WriteLine("return new global::" + spec.TypesNamespace + ".FgaClientView(client);");
        writer.CloseBlock();
        WriteFactories(writer, spec, isStatic: true, clientExpression: "null");
        writer.CloseBlock();
    }

    private static void WriteClientView(SourceWriter writer, ModelSpec spec)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The factories of <see cref=\"global::" + spec.Namespace + ".Fga\"/> bound to one client: objects created here send every");
        writer.WriteLine("/// grant, revoke and check to that client, whatever the ambient client is. Created by <c>Fga.Using(client)</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("public sealed class FgaClientView");
        writer.OpenBlock();
        writer.WriteLine("private readonly " + CSharp.Client + " _client;");
        writer.WriteLine();
        writer.WriteLine("internal FgaClientView(" + CSharp.Client + " client) => _client = client;");
        WriteFactories(writer, spec, isStatic: false, clientExpression: "_client");
        writer.CloseBlock();
    }

    private static void WriteFactories(SourceWriter writer, ModelSpec spec, bool isStatic, string clientExpression)
    {
        var modifiers = isStatic ? "public static " : "public ";
        foreach (var type in spec.Types)
        {
            var returnType = "global::" + spec.TypesNamespace + "." + type.Identifier;
            var summary = "/// <summary>The <c>" + CSharp.Xml(type.Name) + "</c> object with this id: <c>" + CSharp.Xml(type.Name) + ":{id}</c>.</summary>";
            var exception = "/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"id\"/> is not a valid OpenFGA object id.</exception>";
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id: letters, digits and <c>_ | * @ . + / -</c>; not starting with <c>*</c>.</param>");
            writer.WriteLine(exception);
            writer.WriteLine(modifiers + returnType + " " + type.Identifier + "(string id) => new " + returnType + "(id, " + clientExpression + ");");
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id, written in invariant culture.</param>");
            writer.WriteLine(modifiers + returnType + " " + type.Identifier
                + "(long id) => new " + returnType + "(id.ToString(global::System.Globalization.CultureInfo.InvariantCulture), " + clientExpression + ");");
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id, written in the lower-case <c>D</c> format (<c>0f8fad5b-d9cb-469f-a165-70867728950e</c>).</param>");
            writer.WriteLine(modifiers + returnType + " " + type.Identifier + "(global::System.Guid id) => new " + returnType + "(id.ToString(\"D\"), " + clientExpression + ");");
        }

        foreach (var wildcard in spec.Wildcards)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>Every <c>" + CSharp.Xml(wildcard.TypeName) + "</c>: the wildcard subject <c>" + CSharp.Xml(wildcard.TypeName) + ":*</c>.</summary>");
            writer.WriteLine(modifiers + "global::" + spec.TypesNamespace + "." + wildcard.StructName + " " + wildcard.StructName + " => default;");
        }
    }

    private static void WriteWildcard(SourceWriter writer, WildcardSpec wildcard)
    {
        var subject = wildcard.TypeName + ":*";
        writer.WriteLine("/// <summary>Every <c>" + CSharp.Xml(wildcard.TypeName) + "</c>: the wildcard subject <c>" + CSharp.Xml(subject) + "</c>, allowed where the model says <c>" + CSharp.Xml(subject) + "</c>.</summary>");
        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("public readonly struct " + wildcard.StructName + " : global::TypedFga.Typed.IFgaSubject");
        writer.OpenBlock();
        writer.WriteLine("/// <summary>The subject as OpenFGA writes it: <c>" + CSharp.Xml(subject) + "</c>.</summary>");
        writer.WriteLine("public string Subject => " + CSharp.Literal(subject) + ";");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("public override string ToString() => Subject;");
        writer.CloseBlock();
    }

    private static string CriticalRelationsArray(ModelSpec spec)
    {
        if (spec.CriticalRelations.IsEmpty)
        {
            return "global::System.Array.Empty<string>()";
        }

        var items = new string[spec.CriticalRelations.Count];
        for (var i = 0; i < items.Length; i++)
        {
            items[i] = CSharp.Literal(spec.CriticalRelations[i]);
        }

        return "new string[] { " + string.Join(", ", items) + " }";
    }
}
