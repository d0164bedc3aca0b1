using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes <c>{Namespace}.Fga.g.cs</c>: the static <c>Fga</c> entry point (model info, factories, wildcards, object sets,
/// <c>BatchCheck</c>, <c>Using</c>) and the <c>FgaClientView</c> that binds the same members to one client.
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
        CSharp.WriteAliases(writer);
        writer.WriteLine();
        WriteClientView(writer, spec);
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
        WriteFactories(writer, spec, "public static ", "global::" + spec.TypesNamespace + ".", "global::TypedFga.Typed.", "null");
        WriteBatchCheck(writer, "public static ", "global::TypedFga.Typed.", "global::System.Threading.CancellationToken", "null");
        writer.CloseBlock();
    }

    private static void WriteClientView(SourceWriter writer, ModelSpec spec)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The factories of <see cref=\"global::" + spec.Namespace + ".Fga\"/> bound to one client: objects created here send every");
        writer.WriteLine("/// grant, revoke and check to that client, whatever the ambient client is. Created by <c>Fga.Using(client)</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("[" + CSharp.GeneratedCode + "]");
        writer.WriteLine("public sealed class FgaClientView");
        writer.OpenBlock();
        writer.WriteLine("private readonly IFgaClient _client;");
        writer.WriteLine();
        writer.WriteLine("internal FgaClientView(IFgaClient client) => _client = client;");
        WriteFactories(writer, spec, "public ", string.Empty, string.Empty, "_client");
        WriteBatchCheck(writer, "public ", string.Empty, "CancellationToken", "_client");
        writer.CloseBlock();
    }

    /// <summary>The three factories of each type (string, long and Guid ids) and the wildcard properties.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="spec">The model.</param>
    /// <param name="modifiers">The modifiers of every member.</param>
    /// <param name="typePrefix">What makes a generated type name resolve where the factories are written.</param>
    /// <param name="runtimePrefix">What makes a <c>TypedFga.Typed</c> type name resolve there.</param>
    /// <param name="client">The client expression the objects are bound to.</param>
    private static void WriteFactories(SourceWriter writer, ModelSpec spec, string modifiers, string typePrefix, string runtimePrefix, string client)
    {
        foreach (var type in spec.Types)
        {
            var returnType = typePrefix + type.Identifier;
            var name = CSharp.Xml(type.Name);
            var summary = "/// <summary>The <c>" + name + "</c> object with this id: <c>" + name + ":{id}</c>.</summary>";
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id: letters, digits and <c>_ | * @ . + / -</c>; not starting with <c>*</c>.</param>");
            writer.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"id\"/> is not a valid OpenFGA object id.</exception>");
            writer.WriteLine(modifiers + returnType + " " + type.Identifier + "(string id) => new(" + runtimePrefix + "FgaId.From(" + runtimePrefix + "FgaObjectId.Validate(id, nameof(id))), " + client + ");");
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id, written in invariant culture.</param>");
            writer.WriteLine(modifiers + returnType + " " + type.Identifier + "(long id) => new(" + runtimePrefix + "FgaId.From(id), " + client + ");");
            writer.WriteLine();
            writer.WriteLine(summary);
            writer.WriteLine("/// <param name=\"id\">The object id, written in the lower-case <c>D</c> format (<c>0f8fad5b-d9cb-469f-a165-70867728950e</c>).</param>");
            writer.WriteLine(modifiers + returnType + " " + type.Identifier + "(global::System.Guid id) => new(" + runtimePrefix + "FgaId.From(id), " + client + ");");
            writer.WriteLine();
            writer.WriteLine("/// <summary>Every <c>" + name + "</c> object, to list those on which a subject has a relation: <c>" + type.SetPropertyName + ".Where...(subject)</c>.</summary>");
            writer.WriteLine(modifiers + typePrefix + type.SetStructName + " " + type.SetPropertyName + " => new(" + client + ");");
        }

        foreach (var wildcard in spec.Wildcards)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>Every <c>" + CSharp.Xml(wildcard.TypeName) + "</c>: the wildcard subject <c>" + CSharp.Xml(wildcard.TypeName) + ":*</c>.</summary>");
            writer.WriteLine(modifiers + typePrefix + wildcard.StructName + " " + wildcard.StructName + " => default;");
        }
    }

    /// <summary>The two <c>BatchCheck</c> overloads: checks as arguments, and a sequence with a cancellation token.</summary>
    private static void WriteBatchCheck(SourceWriter writer, string modifiers, string runtimePrefix, string cancellationToken, string client)
    {
        var returns = modifiers + "global::System.Threading.Tasks.ValueTask<" + runtimePrefix + "FgaBatchCheckResult> BatchCheck(";
        var run = runtimePrefix + "FgaBatchCheck.RunAsync(" + client + ", checks, ";
        const string Summary = "/// <summary>Asks the checks (made with a relation's <c>For(subject)</c>) in one batch; the answers come in the order given and by check.</summary>";
        const string Exception = "/// <exception cref=\"global::System.ArgumentException\">The checks are bound to different clients.</exception>";
        writer.WriteLine();
        writer.WriteLine(Summary);
        writer.WriteLine("/// <param name=\"checks\">The checks.</param>");
        writer.WriteLine(Exception);
        writer.WriteLine(returns + "params " + runtimePrefix + "FgaCheck[] checks) => " + run + "default);");
        writer.WriteLine();
        writer.WriteLine(Summary);
        writer.WriteLine("/// <param name=\"checks\">The checks.</param>");
        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the batch.</param>");
        writer.WriteLine(Exception);
        writer.WriteLine(returns + "global::System.Collections.Generic.IEnumerable<" + runtimePrefix + "FgaCheck> checks, " + cancellationToken
            + " cancellationToken = default) => " + run + "cancellationToken);");
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
