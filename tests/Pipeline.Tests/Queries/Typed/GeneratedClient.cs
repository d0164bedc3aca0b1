using System.Reflection;
using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>
/// The generated typed client of one model, found by reflection since the test cannot name its types: the object
/// factories and sets of <c>Fga.Using(client)</c>, the <c>Where...</c> method of each relation, the relation
/// properties of each object type and the subject kinds (<c>User</c>, <c>TeamMembers</c>) by list-users filter.
/// </summary>
internal sealed class GeneratedClient
{
    private readonly MethodInfo _using;
    private readonly Dictionary<string, MethodInfo> _factories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (PropertyInfo Set, Dictionary<string, MethodInfo> Where)> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _kinds = new(StringComparer.Ordinal);

    public GeneratedClient(Assembly assembly, string @namespace, Dictionary<string, Dictionary<string, string>> whereMethods)
    {
        Assembly = assembly;
        _using = assembly.GetType(@namespace + ".Fga", throwOnError: true)!.GetMethod("Using")!;
        var view = _using.ReturnType;
        foreach (var factory in view.GetMethods().Where(m => m.GetParameters() is [{ ParameterType: var p }] && p == typeof(string) && typeof(IFgaObject).IsAssignableFrom(m.ReturnType)))
        {
            _factories[FilterOf(factory.ReturnType)] = factory;
        }

        foreach (var set in view.GetProperties().Where(p => whereMethods.ContainsKey(p.PropertyType.Name)))
        {
            var where = whereMethods[set.PropertyType.Name].ToDictionary(pair => pair.Key, pair => set.PropertyType.GetMethod(pair.Value)!, StringComparer.Ordinal);
            // WhereX returns ValueTask<IReadOnlyList<TObject>>: the set's model type is TObject's.
            var objectType = where.Values.First().ReturnType.GetGenericArguments()[0].GetGenericArguments()[0];
            _sets[FilterOf(objectType)] = (set, where);
        }

        foreach (var kind in assembly.GetTypes().Where(t => t.Namespace == @namespace + ".FgaTypes" && IsSubjectKind(t)))
        {
            _kinds[FilterOf(kind)] = kind;
        }
    }

    /// <summary>The assembly the client was loaded from: every typed value it returns is of one of its types.</summary>
    public Assembly Assembly { get; }

    /// <summary><c>Fga.Using(client)</c>: the factories and sets bound to <paramref name="client"/>.</summary>
    public object Bind(IFgaClient client) => _using.Invoke(null, [client])!;

    /// <summary>The set of <paramref name="type"/> (<c>Fga.Using(client).Documents</c>), when the type has relations.</summary>
    public bool TryGetSet(string type, out PropertyInfo set, out IReadOnlyDictionary<string, MethodInfo> whereByRelation)
    {
        var found = _sets.TryGetValue(type, out var entry);
        (set, whereByRelation) = (entry.Set, entry.Where);
        return found;
    }

    /// <summary>The factory of <paramref name="type"/> (<c>Fga.Using(client).Document(id)</c>).</summary>
    public bool TryGetFactory(string type, out MethodInfo factory) => _factories.TryGetValue(type, out factory!);

    /// <summary>The generated kind whose list-users filter is <paramref name="filter"/> (<c>user</c>, <c>team#member</c>).</summary>
    public bool TryGetKind(string filter, out Type kind) => _kinds.TryGetValue(filter, out kind!);

    /// <summary>The property of <paramref name="objectType"/> holding <paramref name="relation"/>, by the relation struct's marker.</summary>
    public static PropertyInfo? RelationProperty(Type objectType, string relation) =>
        objectType.GetProperties().FirstOrDefault(p => p.PropertyType.GetCustomAttribute<FgaRelationAttribute>()?.Relation == relation);

    private static bool IsSubjectKind(Type type) =>
        type.IsValueType && type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IFgaSubjectKind<>) && i.GetGenericArguments()[0] == type);

    // The kind's own answer, through the runtime: FgaParsedSubject.FilterOf<TKind>() reads its static SubjectType and SubjectRelation.
    private static string FilterOf(Type kind) =>
        (string)typeof(FgaParsedSubject).GetMethod(nameof(FgaParsedSubject.FilterOf))!.MakeGenericMethod(kind).Invoke(null, null)!;
}
