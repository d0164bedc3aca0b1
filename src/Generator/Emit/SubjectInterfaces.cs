using System.Collections.Generic;
using TypedFga.Generator.Model;

namespace TypedFga.Generator.Emit;

/// <summary>
/// The marker interfaces each subject type implements: for every relation whose type restriction lists the subject,
/// <c>IFgaGrantableTo&lt;Relation&gt;</c> when it is listed without a condition, <c>IFgaGrantableTo&lt;Relation, Condition&gt;</c>
/// for each condition it is listed with. Both extend <c>IFgaSubjectOf&lt;Relation&gt;</c>, which the revokes take.
/// The relations' generic writes are constrained to these interfaces. Every user kind a list-users query on a relation can
/// return (<see cref="RelationSpec.UserKinds"/>) implements <c>IFgaUserOf&lt;Relation&gt;</c>, which the relation's
/// <c>Users&lt;TUser&gt;</c> takes.
/// </summary>
internal sealed class SubjectInterfaces
{
    private readonly Dictionary<string, List<string>> _bySubject = new(System.StringComparer.Ordinal);
    private readonly HashSet<(string Subject, string Marker)> _seen = new();

    public SubjectInterfaces(ModelSpec spec)
    {
        foreach (var type in spec.Types)
        {
            foreach (var relation in type.Relations)
            {
                foreach (var subject in relation.Subjects)
                {
                    Add(subject.StructName, subject.ConditionStructName is { } condition
                        ? "IFgaGrantableTo<" + relation.StructName + ", " + condition + ">"
                        : "IFgaGrantableTo<" + relation.StructName + ">");
                }
            }
        }

        // After every grant marker, so that each subject's base list reads as what it can be granted, then where it is listed.
        foreach (var type in spec.Types)
        {
            foreach (var relation in type.Relations)
            {
                foreach (var kind in relation.UserKinds)
                {
                    Add(kind.StructName, "IFgaUserOf<" + relation.StructName + ">");
                }
            }
        }
    }

    /// <summary>
    /// Writes <c> : first, ...</c> for the struct <paramref name="structName"/>, one marker interface per line;
    /// <paramref name="first"/> is dropped when the markers already imply it (<c>IFgaSubject</c>).
    /// </summary>
    public void WriteBaseList(SourceWriter writer, string structName, string first, bool firstImplied = true)
    {
        if (!_bySubject.TryGetValue(structName, out var interfaces))
        {
            writer.Append(" : ").Append(first);
            return;
        }

        var separator = " :";
        if (!firstImplied)
        {
            writer.Append(" : ").Append(first);
            separator = ",";
        }

        foreach (var name in interfaces)
        {
            writer.Append(separator).End();
            writer.Start().Append("    ").Append(name);
            separator = ",";
        }
    }

    private void Add(string subject, string marker)
    {
        // Two relations never share a struct, but one restriction can list a subject kind twice with the same condition.
        if (!_seen.Add((subject, marker)))
        {
            return;
        }

        if (!_bySubject.TryGetValue(subject, out var list))
        {
            list = new List<string>();
            _bySubject.Add(subject, list);
        }

        list.Add(marker);
    }
}
