using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes the struct for one relation: <c>Grant</c>/<c>Revoke</c>/<c>GrantNow</c>/<c>RevokeNow</c> overloads for
/// exactly the subject kinds its type restriction allows (so a subject the model does not allow does not compile),
/// and <c>Check</c>, which every relation has. The calls forward to the runtime's <c>FgaRelationTarget</c>;
/// large models generate one struct per relation, so each member is kept to a few lines.
/// </summary>
internal static class RelationEmitter
{
    private const string Target = "global::TypedFga.Typed.FgaRelationTarget";

    public static void Write(SourceWriter writer, ModelSpec spec, RelationSpec relation)
    {
        WriteStructDocumentation(writer, relation);
        writer.WriteLine(CSharp.GeneratedCodeAttribute);
        writer.WriteLine("[global::TypedFga.Typed.FgaRelation(" + CSharp.Literal(relation.TypeName) + ", " + CSharp.Literal(relation.Name) + ")]");
        if (relation.IsCritical)
        {
            writer.WriteLine("[global::TypedFga.Typed.FgaCritical(" + CSharp.Literal(relation.QualifiedName) + ")]");
        }

        writer.WriteLine("public readonly struct " + relation.StructName + (relation.IsUsersetSubject ? " : global::TypedFga.Typed.IFgaSubject" : string.Empty));
        writer.OpenBlock();
        writer.WriteLine("private readonly " + Target + " _target;");
        writer.WriteLine();
        writer.WriteLine("internal " + relation.StructName + "(string @object, " + CSharp.Client + "? client) => _target = new " + Target
            + "(@object, " + CSharp.Literal(relation.Name) + ", client);");
        if (relation.IsUsersetSubject)
        {
            writer.WriteLine();
            writer.WriteLine("/// <summary>The userset <c>" + CSharp.Xml(relation.TypeName) + ":{id}#" + CSharp.Xml(relation.Name) + "</c>, as a subject.</summary>");
            writer.WriteLine("public string Subject => _target.Userset;");
        }

        WriteWrites(writer, spec, relation);
        WriteCheck(writer, relation);
        writer.WriteLine();
        writer.WriteLine("/// <summary>The relation of this object: <c>" + CSharp.Xml(relation.TypeName) + ":{id}#" + CSharp.Xml(relation.Name) + "</c>.</summary>");
        writer.WriteLine("public override string ToString() => _target.ToString();");
        writer.CloseBlock();
    }

    private static void WriteStructDocumentation(SourceWriter writer, RelationSpec relation)
    {
        writer.WriteLine("/// <summary>");
        writer.WriteLine("/// The relation <c>" + CSharp.Xml(relation.QualifiedName) + "</c> of one object, defined as <c>" + CSharp.Xml(relation.Definition) + "</c>.");
        writer.WriteLine(relation.Subjects.IsEmpty
            ? "/// It has no direct type restriction, so it can be checked but not granted."
            : "/// <c>Grant</c>/<c>Revoke</c> go through write-behind when it is enabled; <c>GrantNow</c>/<c>RevokeNow</c> write through to OpenFGA.");
        writer.WriteLine("/// </summary>");
        if (relation.IsCritical)
        {
            writer.WriteLine("/// <remarks>Marked <c># @critical</c> in the model: the runtime writes it through, never behind; prefer <c>GrantNow</c>/<c>RevokeNow</c>.</remarks>");
        }

        if (HasConditionedSubjects(relation))
        {
            writer.WriteLine("/// <remarks>");
            writer.WriteLine("/// A subject allowed <c>with</c> a condition gets a <c>Grant</c> overload whose second argument is the condition struct;");
            writer.WriteLine("/// its constructor takes the condition's parameters as optional typed arguments. The argument is required, so that");
            writer.WriteLine("/// overload never competes with the plain one when the model allows the subject both with and without the condition.");
            writer.WriteLine("/// </remarks>");
        }
    }

    private static void WriteWrites(SourceWriter writer, ModelSpec spec, RelationSpec relation)
    {
        foreach (var subject in relation.Subjects)
        {
            WriteGrant(writer, spec, relation, subject, "Grant", "Default");
            WriteGrant(writer, spec, relation, subject, "GrantNow", "Immediate");
        }

        // A delete names no condition, so one revoke per subject kind serves conditioned and plain tuples alike.
        var revoked = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var subject in relation.Subjects)
        {
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
        var restriction = subject.Restriction + (conditioned ? " with " + subject.ConditionName : string.Empty);
        writer.WriteLine();
        writer.WriteLine("/// <summary>Grants <c>" + CSharp.Xml(relation.Name) + "</c> to <paramref name=\"subject\"/> (restriction <c>"
            + CSharp.Xml(restriction) + "</c>)" + ModeText(mode) + ".</summary>");
        var parameters = SubjectType(spec, subject) + " subject"
            + (conditioned ? ", global::" + spec.TypesNamespace + "." + subject.ConditionStructName + " condition" : string.Empty)
            + ", " + CSharp.CancellationToken + " cancellationToken = default";
        writer.WriteLine("public " + CSharp.ValueTask + " " + method + "(" + parameters + ") =>");
        writer.WriteLine("    _target.GrantAsync(subject.Subject, " + (conditioned ? "condition.ToRelationshipCondition()" : "null")
            + ", global::TypedFga.WriteMode." + mode + ", cancellationToken);");
    }

    private static void WriteRevoke(SourceWriter writer, ModelSpec spec, RelationSpec relation, SubjectSpec subject, string method, string mode)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>Revokes <c>" + CSharp.Xml(relation.Name) + "</c> from <paramref name=\"subject\"/> (restriction <c>"
            + CSharp.Xml(subject.Restriction) + "</c>), with or without a condition" + ModeText(mode) + ".</summary>");
        writer.WriteLine("public " + CSharp.ValueTask + " " + method + "(" + SubjectType(spec, subject) + " subject, " + CSharp.CancellationToken + " cancellationToken = default) =>");
        writer.WriteLine("    _target.RevokeAsync(subject.Subject, global::TypedFga.WriteMode." + mode + ", cancellationToken);");
    }

    private static void WriteCheck(SourceWriter writer, RelationSpec relation)
    {
        writer.WriteLine();
        writer.WriteLine("/// <summary>Checks whether <paramref name=\"subject\"/> (any object, userset or wildcard) has <c>"
            + CSharp.Xml(relation.Name) + "</c> on this object.</summary>");
        writer.WriteLine("/// <param name=\"subject\">The subject to check.</param>");
        writer.WriteLine("/// <param name=\"context\">Values for condition parameters that the tuples do not store.</param>");
        writer.WriteLine("/// <param name=\"cancellationToken\">Cancels the check.</param>");
        writer.WriteLine("public global::System.Threading.Tasks.ValueTask<bool> Check<TSubject>(TSubject subject, " + CSharp.Context
            + "? context = null, " + CSharp.CancellationToken + " cancellationToken = default)");
        writer.WriteLine("    where TSubject : global::TypedFga.Typed.IFgaSubject => _target.CheckAsync(subject, context, cancellationToken);");
    }

    private static bool HasConditionedSubjects(RelationSpec relation)
    {
        foreach (var subject in relation.Subjects)
        {
            if (subject.ConditionName is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static string SubjectType(ModelSpec spec, SubjectSpec subject) => "global::" + spec.TypesNamespace + "." + subject.StructName;

    private static string ModeText(string mode) => mode == "Immediate" ? ", written through to OpenFGA before the call completes" : string.Empty;
}
