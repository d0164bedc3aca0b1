using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>
/// What a generated query returned: the typed values (<c>Document</c>s, <c>User</c>s, <c>TeamMembers</c>) and, for
/// list users, the type whose wildcard came back as <c>IncludesEveryone</c>.
/// </summary>
internal sealed record TypedAnswer(IReadOnlyList<object> Values, string? EveryoneOfType)
{
    /// <summary>The answer in tuple notation, for the runner to compare: each value's subject, and <c>type:*</c> for everyone.</summary>
    public IReadOnlyList<string> ToStrings() =>
        [.. Values.Select(value => ((IFgaSubject)value).Subject), .. EveryoneOfType is null ? [] : new[] { EveryoneOfType + ":*" }];

    public static async Task<TypedAnswer> FromObjects<TObject>(ValueTask<IReadOnlyList<TObject>> pending)
        where TObject : struct, IFgaObject =>
        new((await pending).Select(o => (object)o).ToList(), null);

    public static async Task<TypedAnswer> FromUsers<TUser>(ValueTask<FgaUserList<TUser>> pending)
        where TUser : struct, IFgaSubjectKind<TUser>
    {
        var users = await pending;
        return new(users.Select(u => (object)u).ToList(), users.IncludesEveryone ? TUser.SubjectType : null);
    }
}
