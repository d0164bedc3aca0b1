using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// Writes the struct for one relation. Its writes are generic over the subject and constrained to the marker
/// interfaces that exactly the subject kinds of its type restriction implement (see <see cref="SubjectInterfaces"/>),
/// so a subject the model does not allow fails to compile while each relation has a fixed handful of members:
/// <c>Grant</c>/<c>GrantNow</c> for plain subjects, one pair per condition, <c>Revoke</c>/<c>RevokeNow</c>, and
/// <c>Check</c>, <c>For</c> (a check for a batch), <c>ReadTuples</c> and <c>Expand</c>, which every relation has, and
/// <c>Users&lt;TUser&gt;</c>, constrained to the user kinds the relation can hold (<c>IFgaUserOf&lt;Relation&gt;</c>). Each
/// member is a one-line forwarder to the runtime's <c>FgaRelationTarget</c> with a one-line summary, written through
/// the aliases of <see cref="CSharp.WriteAliases"/>. The struct is itself a userset subject kind
/// (<c>IFgaSubjectKind&lt;Self&gt;</c>), so a list-users answer of <c>type:id#relation</c> is a value of it.
/// </summary>
internal static class RelationEmitter
{
    private const string Behind = "; written behind when write-behind is on.</summary>";
    private const string Through = ", written through to OpenFGA now.</summary>";
    private const string Token = "CancellationToken cancellationToken = default) where TSubject : ";
    private const string CheckDoc = "/// <summary>Checks whether the subject has the relation; the context holds condition parameters.</summary>";
    private const string Check = "public CheckResult Check<TSubject>(TSubject subject, CheckContext? context = null, CancellationToken cancellationToken = default) where TSubject : IFgaSubject => _target.CheckAsync(subject, context, cancellationToken);";
    private const string ConsistencyDoc = "/// <summary>The same relation, checked and queried with <paramref name=\"consistency\"/>: <c>FgaConsistency.HigherConsistency</c> skips the check cache and the server's caches.</summary>";
    private const string ForDoc = "/// <summary>The check of the subject on the relation, not yet asked: pass it with others to <c>Fga.BatchCheck</c>.</summary>";
    private const string For = "public FgaCheck For<TSubject>(TSubject subject, CheckContext? context = null) where TSubject : IFgaSubject => _target.For(subject, context);";
    private const string ReadDoc = "/// <summary>The tuples stored directly on the relation of the object, with the grants and revokes pending in write-behind marked.</summary>";
    private const string ExpandDoc = "/// <summary>One level of the relation's userset tree on the object (OpenFGA's Expand).</summary>";
    private const string Expand = "public " + CSharp.Tasks + "ValueTask<FgaExpandNode> Expand(CancellationToken cancellationToken = default) => _target.ExpandAsync(cancellationToken);";

    public static void Write(SourceWriter writer, RelationSpec relation, SubjectInterfaces interfaces)
    {
        var name = relation.StructName;
        writer.Start().Append("/// <summary>").Append(Summary(relation)).Append("</summary>").End();
        writer.Start().Append("[").Append(CSharp.GeneratedCode).Append(", FgaRelation(").Append(CSharp.Literal(relation.TypeName)).Append(", ")
            .Append(CSharp.Literal(relation.Name)).Append(relation.IsCritical ? "), FgaCritical(" + CSharp.Literal(relation.QualifiedName) + ")]" : ")]").End();
        writer.Start().Append("public readonly struct ").Append(name);
        interfaces.WriteBaseList(writer, name, first: "IFgaSubjectKind<" + name + ">", firstImplied: false);
        writer.End();
        writer.OpenBlock();
        writer.WriteLine("private readonly FgaRelationTarget _target;");
        writer.WriteLine();
        writer.Start().Append("internal ").Append(name).Append("(FgaId id, IFgaClient? client) => _target = new(").Append(CSharp.Literal(relation.TypeName))
            .Append(", id, ").Append(CSharp.Literal(relation.Name)).Append(", client);").End();
        writer.WriteLine();
        writer.Start().Append("private ").Append(name).Append("(FgaRelationTarget target) => _target = target;").End();
        // Every relation is a userset subject kind, whether or not a type restriction names it: list users returns the
        // usersets on a relation's path (folder:x#viewer for viewer from parent), and checks may ask about them.
        writer.WriteLine();
        writer.Start().Append("/// <summary>The userset <c>").Append(CSharp.Xml(relation.TypeName)).Append(":{id}#").Append(CSharp.Xml(relation.Name))
            .Append("</c>, as a subject.</summary>").End();
        writer.WriteLine("public string Subject => _target.Userset;");
        writer.WriteLine();
        writer.WriteLine("/// <inheritdoc/>");
        writer.WriteLine("FgaSubjectParts IFgaSubject.SubjectParts => _target.UsersetParts;");
        SubjectKindEmitter.Write(writer, name, relation.TypeName, relation.Name);

        if (!relation.Subjects.IsEmpty)
        {
            WriteWrites(writer, relation);
        }

        writer.WriteLine();
        writer.WriteLine(CheckDoc);
        writer.WriteLine(Check);
        writer.WriteLine(ForDoc);
        writer.WriteLine(For);
        WriteQueries(writer, relation);
        writer.WriteLine();
        writer.WriteLine(ConsistencyDoc);
        writer.WriteLine("/// <param name=\"consistency\">How fresh the answers of <c>Check</c> and the queries must be.</param>");
        writer.Start().Append("public ").Append(name).Append(" WithConsistency(FgaConsistency consistency) => new(_target.WithConsistency(consistency));").End();
        writer.WriteLine();
        writer.WriteLine("/// <summary>The relation of the object: <c>type:id#relation</c>.</summary>");
        writer.WriteLine("public override string ToString() => _target.ToString();");
        writer.CloseBlock();
    }

    /// <summary>The one-line description shared by the struct and the property that returns it.</summary>
    public static string Summary(RelationSpec relation)
    {
        var summary = CSharp.Xml(relation.QualifiedName) + ": " + CSharp.Xml(relation.Definition);
        return relation.IsCritical
            ? summary + ". Marked <c># @critical</c>: written through, never behind; prefer <c>GrantNow</c>/<c>RevokeNow</c>."
            : summary;
    }

    private static void WriteWrites(SourceWriter writer, RelationSpec relation)
    {
        var name = relation.StructName;
        var plain = new List<string>();
        var all = new List<string>();
        var conditions = new List<(string Struct, List<string> Restrictions)>();
        foreach (var subject in relation.Subjects)
        {
            AddOnce(all, subject.Restriction);
            if (subject.ConditionStructName is null)
            {
                plain.Add(subject.Restriction);
                continue;
            }

            var index = conditions.FindIndex(c => c.Struct == subject.ConditionStructName);
            if (index < 0)
            {
                conditions.Add((subject.ConditionStructName, new List<string>()));
                index = conditions.Count - 1;
            }

            conditions[index].Restrictions.Add(subject.Restriction + " with " + subject.ConditionName);
        }

        if (plain.Count > 0)
        {
            var kinds = Kinds(plain);
            var constraint = "IFgaGrantableTo<" + name + "> => _target.";
            writer.WriteLine();
            WriteDoc(writer, "Grants to ", kinds, Behind);
            writer.Start().Append("public ValueTask Grant<TSubject>(TSubject subject, ").Append(Token).Append(constraint).Append("Grant(subject, cancellationToken);").End();
            WriteDoc(writer, "Grants to ", kinds, Through);
            writer.Start().Append("public ValueTask GrantNow<TSubject>(TSubject subject, ").Append(Token).Append(constraint).Append("GrantNow(subject, cancellationToken);").End();
        }

        foreach (var (condition, restrictions) in conditions)
        {
            var kinds = Kinds(restrictions);
            var parameters = "(TSubject subject, " + condition + " condition, ";
            var constraint = "IFgaGrantableTo<" + name + ", " + condition + "> => _target.";
            writer.WriteLine();
            WriteDoc(writer, "Grants with the condition to ", kinds, Behind);
            writer.Start().Append("public ValueTask Grant<TSubject>").Append(parameters).Append(Token).Append(constraint)
                .Append("Grant(subject, condition.ToRelationshipCondition(), cancellationToken);").End();
            WriteDoc(writer, "Grants with the condition to ", kinds, Through);
            writer.Start().Append("public ValueTask GrantNow<TSubject>").Append(parameters).Append(Token).Append(constraint)
                .Append("GrantNow(subject, condition.ToRelationshipCondition(), cancellationToken);").End();
        }

        // A delete names no condition, so one revoke serves conditioned and plain tuples alike (with or without one).
        var revoked = Kinds(all);
        var subjectOf = "IFgaSubjectOf<" + name + "> => _target.";
        writer.WriteLine();
        WriteDoc(writer, "Revokes from ", revoked, Behind);
        writer.Start().Append("public ValueTask Revoke<TSubject>(TSubject subject, ").Append(Token).Append(subjectOf).Append("Revoke(subject, cancellationToken);").End();
        WriteDoc(writer, "Revokes from ", revoked, Through);
        writer.Start().Append("public ValueTask RevokeNow<TSubject>(TSubject subject, ").Append(Token).Append(subjectOf).Append("RevokeNow(subject, cancellationToken);").End();
    }

    private static void WriteQueries(SourceWriter writer, RelationSpec relation)
    {
        writer.WriteLine();
        if (!relation.UserKinds.IsEmpty)
        {
            // Without a user kind no TUser could satisfy the constraint, so the method is left out.
            var kinds = new List<string>();
            foreach (var kind in relation.UserKinds)
            {
                kinds.Add(kind.Filter);
            }

            writer.Start().Append("/// <summary>The users of one kind that have the relation (").Append(Kinds(kinds))
                .Append("); a wildcard among them sets <c>IncludesEveryone</c>.</summary>").End();
            writer.Start().Append("public ").Append(CSharp.Tasks).Append("ValueTask<FgaUserList<TUser>> Users<TUser>(CheckContext? context = null, ContextualTuples? contextualTuples = null, ")
                .Append("CancellationToken cancellationToken = default) where TUser : struct, IFgaUserOf<").Append(relation.StructName).Append(">, IFgaSubjectKind<TUser> => ")
                .Append("_target.ListUsersAsync<TUser>(context, contextualTuples, cancellationToken);").End();
            writer.WriteLine();
        }

        writer.WriteLine(ReadDoc);
        writer.Start().Append("public ").Append(CSharp.Collections).Append("IAsyncEnumerable<FgaTuple<").Append(relation.ObjectStructName)
            .Append(">> ReadTuples(CancellationToken cancellationToken = default) => _target.ReadTuples<").Append(relation.ObjectStructName).Append(">(cancellationToken);").End();
        writer.WriteLine(ExpandDoc);
        writer.WriteLine(Expand);
    }

    private static void WriteDoc(SourceWriter writer, string action, string kinds, string mode) =>
        writer.Start().Append("/// <summary>").Append(action).Append(kinds).Append(mode).End();

    private static string Kinds(List<string> restrictions) => "<c>[" + CSharp.Xml(string.Join(", ", restrictions)) + "]</c>";

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }
}
