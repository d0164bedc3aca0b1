using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes the struct for one relation: <c>Grant</c>/<c>Revoke</c>/<c>GrantNow</c>/<c>RevokeNow</c> overloads for
/// exactly the subject kinds its type restriction allows (so a subject the model does not allow does not compile),
/// and <c>Check</c>, which every relation has.
/// </summary>
internal static class RelationEmitter
{
    public static void Write(SourceWriter writer, ModelSpec spec, RelationSpec relation)
    {
        var relationLiteral = CSharp.Literal(relation.Name);
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The relation <c>" + CSharp.Xml(relation.QualifiedName) + "</c> of one object, defined as <c>" + CSharp.Xml(relation.Definition) + "</c>.");
        writer.WriteLine(relation.Subjects.IsEmpty
            ? "/// It has no direct type restriction, so it can only be checked, not granted."
            : "/// Grant and revoke accept the subject kinds its type restriction allows; check accepts any subject.");
        writer.WriteLine("/// </summary>");
        if (relation.IsCritical)
        {
            writer.WriteLine("/// <remarks>");
            writer.WriteLine("/// Marked <c># @critical</c> in the model: writes go straight to OpenFGA, never through write-behind.");
            writer.WriteLine("/// Prefer <c>GrantNow</c> and <c>RevokeNow</c>, which say so at the call site.");
            writer.WriteLine("/// </remarks>");
        }

        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("[global::TypedFga.Typed.FgaRelation(" + CSharp.Literal(relation.TypeName) + ", " + relationLiteral + ")]");
        if (relation.IsCritical)
        {
            writer.WriteLine("[global::TypedFga.Typed.FgaCritical(" + CSharp.Literal(relation.QualifiedName) + ")]");
        }

        writer.WriteLine("public readonly struct " + relation.StructName + (relation.IsUsersetSubject ? " : global::TypedFga.Typed.IFgaSubject" : string.Empty));
        writer.OpenBlock();
        writer.WriteLine("private readonly string? _object;");
        writer.WriteLine("private readonly " + CSharp.Client + "? _client;");
        writer.WriteLine();
        writer.WriteLine("internal " + relation.StructName + "(string @object, " + CSharp.Client + "? client)");
        writer.OpenBlock();
        writer.WriteLine("_object = @object;");
        writer.WriteLine("_client = client;");
        writer.CloseBlock();
        if (relation.IsUsersetSubject)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>This relation of this object as a userset subject: <c>" + CSharp.Xml(relation.TypeName) + ":{id}#" + CSharp.Xml(relation.Name) + "</c>.</summary>");
            writer.WriteLine("public string Subject => Object + " + CSharp.Literal("#" + relation.Name) + ";");
        }

        writer.WriteLine();
        writer.WriteLine("private string Object => _object ?? throw global::TypedFga.Typed.FgaObjectId.NotInitialized(" + CSharp.Literal(relation.TypeName) + ");");
        writer.WriteLine();
        writer.WriteLine("private " + CSharp.Client + " Client => _client ?? global::TypedFga.Typed.FgaClientContext.Current;");
        WriteWrites(writer, spec, relation);
        WriteCheck(writer, relation);
        writer.WriteLine();
        writer.WriteLine("/// <summary>The relation of this object as <c>" + CSharp.Xml(relation.TypeName) + ":{id}#" + CSharp.Xml(relation.Name) + "</c>.</summary>");
        writer.WriteLine("public override string ToString() => _object + " + CSharp.Literal("#" + relation.Name) + ";");
        writer.CloseBlock();
    }

    private static void WriteWrites(SourceWriter writer, ModelSpec spec, RelationSpec relation)
    {
        var revoked = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var subject in relation.Subjects)
        {
            WriteGrant(writer, spec, relation, subject, "Grant", "Default");
            WriteGrant(writer, spec, relation, subject, "GrantNow", "Immediate");
        }

        foreach (var subject in relation.Subjects)
        {
            // A delete names no condition, so one revoke per subject kind serves conditioned and plain tuples alike.
            if (revoked.Add(subject.StructName))
            {
                WriteRevoke(writer, spec, relation, subject, "Revoke", "Default");
                WriteRevoke(writer, spec, relation, subject, "RevokeNow", "Immediate");
            }
        }
    }

    private static void WriteGrant(SourceWriter writer, ModelSpec spec, RelationSpec relation, SubjectSpec subject, string method, string mode)
    {
        var conditioned = subject.ConditionStructName is not null;
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Grants <c>" + CSharp.Xml(relation.Name) + "</c> on this object to " + Describe(subject)
            + (conditioned ? ", only while the condition <c>" + CSharp.Xml(subject.ConditionName!) + "</c> holds" : string.Empty) + ".");
        writer.WriteLine("/// " + ModeText(mode, relation));
        writer.WriteLine("/// </summary>");
        if (conditioned)
        {
            writer.WriteLine("/// <remarks>");
            writer.WriteLine("/// The model allows <c>" + CSharp.Xml(subject.Restriction) + " with " + CSharp.Xml(subject.ConditionName!) + "</c>. The condition's parameters are the");
            writer.WriteLine("/// typed, optional arguments of <paramref name=\"condition\"/>'s constructor; those given are stored with the tuple,");
            writer.WriteLine("/// the others must come from the check's context. Because the condition is a required argument, this overload");
            writer.WriteLine("/// never competes with the plain one when the model allows the subject both with and without a condition.");
            writer.WriteLine("/// </remarks>");
        }

        writer.WriteLine("/// <param name=\"subject\">The subject (" + CSharp.Code(subject.Restriction) + " in the type restriction).</param>");
        if (conditioned)
        {
            writer.WriteLine("/// <param name=\"condition\">The condition and the parameter values to store with the tuple.</param>");
        }

        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the write.</param>");
        var parameters = SubjectType(spec, subject) + " subject"
            + (conditioned ? ", global::" + spec.TypesNamespace + "." + subject.ConditionStructName + " condition" : string.Empty)
            + ", " + CSharp.CancellationToken + " cancellationToken = default";
        var tuple = "new global::TypedFga.TupleKey(subject.Subject, " + CSharp.Literal(relation.Name) + ", Object"
            + (conditioned ? ", condition.ToRelationshipCondition()" : string.Empty) + ")";
        writer.WriteLine("public " + CSharp.ValueTask + " " + method + "(" + parameters + ") =>");
        writer.WriteLine("    Client.GrantAsync(" + tuple + ", global::TypedFga.WriteMode." + mode + ", cancellationToken);");
    }

    private static void WriteRevoke(SourceWriter writer, ModelSpec spec, RelationSpec relation, SubjectSpec subject, string method, string mode)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Revokes <c>" + CSharp.Xml(relation.Name) + "</c> on this object from " + Describe(subject) + ", with or without a condition.");
        writer.WriteLine("/// " + ModeText(mode, relation));
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <param name=\"subject\">The subject (" + CSharp.Code(subject.Restriction) + " in the type restriction).</param>");
        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the write.</param>");
        writer.WriteLine("public " + CSharp.ValueTask + " " + method + "(" + SubjectType(spec, subject) + " subject, " + CSharp.CancellationToken + " cancellationToken = default) =>");
        writer.WriteLine("    Client.RevokeAsync(new global::TypedFga.TupleKey(subject.Subject, " + CSharp.Literal(relation.Name)
            + ", Object), global::TypedFga.WriteMode." + mode + ", cancellationToken);");
    }

    private static void WriteCheck(SourceWriter writer, RelationSpec relation)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// Checks whether <paramref name=\"subject\"/> has <c>" + CSharp.Xml(relation.Name) + "</c> on this object, as the model defines it:");
        writer.WriteLine("/// <c>" + CSharp.Xml(relation.Definition) + "</c>.");
        writer.WriteLine("/// </summary>");
        writer.WriteLine("/// <typeparam name=\"TSubject\">Any subject: an object, a userset or a wildcard.</typeparam>");
        writer.WriteLine("/// <param name=\"subject\">The subject to check.</param>");
        writer.WriteLine("/// <param name=\"context\">Values for condition parameters that the tuples do not store.</param>");
        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the check.</param>");
        writer.WriteLine("/// <returns>True when the subject has the relation.</returns>");
        writer.WriteLine("public global::System.Threading.Tasks.ValueTask<bool> Check<TSubject>(TSubject subject, " + CSharp.Context
            + "? context = null, " + CSharp.CancellationToken + " cancellationToken = default)");
        writer.WriteLine("    where TSubject : global::TypedFga.Typed.IFgaSubject");
        writer.OpenBlock();
        writer.WriteLine("if (subject is null)");
        writer.OpenBlock();
        writer.WriteLine("throw new global::System.ArgumentNullException(nameof(subject));");
        writer.CloseBlock();
        writer.WriteLine();
        writer.WriteLine("return Client.CheckAsync(new global::TypedFga.CheckQuery(subject.Subject, " + CSharp.Literal(relation.Name) + ", Object, context), cancellationToken);");
        writer.CloseBlock();
    }

    private static string SubjectType(ModelSpec spec, SubjectSpec subject) => "global::" + spec.TypesNamespace + "." + subject.StructName;

    private static string Describe(SubjectSpec subject)
    {
        var restriction = subject.Restriction;
        if (restriction.EndsWith(":*", System.StringComparison.Ordinal))
        {
            return "every <c>" + CSharp.Xml(restriction.Substring(0, restriction.Length - 2)) + "</c> (the wildcard <c>" + CSharp.Xml(restriction) + "</c>)";
        }

        return restriction.IndexOf('#') >= 0
            ? "the userset <c>" + CSharp.Xml(restriction) + "</c>"
            : "a <c>" + CSharp.Xml(restriction) + "</c>";
    }

    private static string ModeText(string mode, RelationSpec relation) => mode == "Immediate"
        ? "Written through to OpenFGA before the returned task completes (<c>WriteMode.Immediate</c>)."
        : relation.IsCritical
            ? "The relation is critical, so the runtime writes it through to OpenFGA (<c>WriteMode.Default</c>)."
            : "Buffered in the durable write-behind outbox when it is enabled (<c>WriteMode.Default</c>).";
}
