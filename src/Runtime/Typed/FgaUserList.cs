using System.Collections;

namespace TypedFga.Typed;

/// <summary>
/// The answer of a relation's <c>Users&lt;TUser&gt;()</c>: the users of one kind that have the relation, as generated
/// values, and whether the typed wildcard (<c>user:*</c>, every user) has it.
/// </summary>
/// <typeparam name="TUser">The generated user kind asked for: an object type (<c>User</c>) or a userset type (<c>TeamMembers</c>).</typeparam>
public sealed class FgaUserList<TUser> : IReadOnlyList<TUser>
    where TUser : struct, IFgaSubjectKind<TUser>
{
    private readonly TUser[] _users;

    private FgaUserList(TUser[] users, bool includesEveryone, IReadOnlyList<string> subjects)
    {
        _users = users;
        IncludesEveryone = includesEveryone;
        Subjects = subjects;
    }

    /// <summary>
    /// True when the wildcard of <typeparamref name="TUser"/>'s type (<c>user:*</c>) has the relation: then every
    /// object of that type does, not only those listed.
    /// </summary>
    public bool IncludesEveryone { get; }

    /// <summary>The subjects as OpenFGA returned them, the wildcard included.</summary>
    public IReadOnlyList<string> Subjects { get; }

    /// <summary>The number of users listed, not counting the wildcard.</summary>
    public int Count => _users.Length;

    /// <summary>The user at <paramref name="index"/>.</summary>
    /// <param name="index">The position, from 0.</param>
    public TUser this[int index] => _users[index];

    /// <summary>Builds the list from the subjects OpenFGA returned for the filter of <typeparamref name="TUser"/>.</summary>
    /// <param name="subjects">The subjects: <c>user:anne</c>, <c>user:*</c>, <c>team:eng#member</c>.</param>
    /// <param name="client">The client the users' calls go to; null for the current one at call time.</param>
    /// <exception cref="FormatException">A subject is not of the kind <typeparamref name="TUser"/>.</exception>
    public static FgaUserList<TUser> From(IReadOnlyList<string> subjects, IFgaClient? client)
    {
        ArgumentNullException.ThrowIfNull(subjects);
        var users = new List<TUser>(subjects.Count);
        var includesEveryone = false;
        foreach (var value in subjects)
        {
            var subject = FgaParsedSubject.Parse(value);
            if (subject.IsWildcard && TUser.SubjectRelation is null && subject.Type == TUser.SubjectType)
            {
                includesEveryone = true;
                continue;
            }

            users.Add(subject.As<TUser>(client));
        }

        return new FgaUserList<TUser>([.. users], includesEveryone, subjects);
    }

    /// <inheritdoc/>
    public IEnumerator<TUser> GetEnumerator() => ((IEnumerable<TUser>)_users).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
