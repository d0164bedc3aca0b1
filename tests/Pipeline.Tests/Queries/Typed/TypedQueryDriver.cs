using System.Reflection;
using TypedFga.Typed;

namespace TypedFga.Pipeline.Tests.Queries.Typed;

/// <summary>
/// Asks list-objects and list-users through the generated client of the current stage's model:
/// <c>Fga.Using(client).Documents.WhereCanView(subject)</c> and <c>Fga.Using(client).Document(id).CanEdit.Users&lt;User&gt;()</c>,
/// chosen by reflection. When the generated API cannot express an assertion (the call would not compile, or the
/// factory refuses the id) it says so, the caller asks the untyped client instead, and the reason is counted.
/// </summary>
internal sealed class TypedQueryDriver
{
    private static readonly MethodInfo FromObjects = typeof(TypedAnswer).GetMethod(nameof(TypedAnswer.FromObjects))!;
    private static readonly MethodInfo FromUsers = typeof(TypedAnswer).GetMethod(nameof(TypedAnswer.FromUsers))!;

    private readonly Dictionary<string, string> _modelTextByJson = new(StringComparer.Ordinal);
    private CompiledModel? _model;
    private object? _view;

    public TypedRouteTally ListObjects { get; } = new();

    public TypedRouteTally ListUsers { get; } = new();

    /// <summary>The generated clients that could not be built, with the compiler's or generator's first message.</summary>
    public HashSet<string> ModelFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>The runner's model compiler, remembering which text each JSON came from, since the target only sees the JSON.</summary>
    public Func<string, string> RememberingModelText(Func<string, string> modelToJson) => text =>
    {
        var json = modelToJson(text);
        _modelTextByJson[json] = text;
        return json;
    };

    /// <summary>Binds the generated client of the stage's model to the stage's client.</summary>
    public void StartStage(string modelJson, IFgaClient client)
    {
        _model = GeneratedClientCompiler.Get(_modelTextByJson[modelJson]);
        _view = _model.Client?.Bind(client);
        if (_model.Failure is not null)
        {
            ModelFailures.Add($"{_model.Failure}: {_model.Detail}");
        }
    }

    /// <summary><c>Fga.Using(client).{Type}s.Where{Relation}(subject, ...)</c>, or null (and the reason counted) when it cannot be written.</summary>
    public Func<Task<TypedAnswer>>? ListObjectsCall(string type, string relation, string user, IReadOnlyDictionary<string, object?>? context, IReadOnlyList<TupleKey> contextualTuples)
    {
        var (reason, objects, where, subject) = ResolveObjects(type, relation, user);
        if (reason is not null)
        {
            ListObjects.CountFallback(reason);
            return null;
        }

        ListObjects.CountTyped();
        var call = where!.MakeGenericMethod(typeof(FgaParsedSubject));
        var objectType = call.ReturnType.GetGenericArguments()[0].GetGenericArguments()[0];
        return () => Answer(FromObjects.MakeGenericMethod(objectType), Invoke(call, objects, subject, context, contextualTuples, CancellationToken.None));
    }

    /// <summary><c>Fga.Using(client).{Type}(id).{Relation}.Users&lt;{Kind}&gt;(...)</c>, or null (and the reason counted) when it cannot be written.</summary>
    public Func<Task<TypedAnswer>>? ListUsersCall(string @object, string relation, string filter, IReadOnlyDictionary<string, object?>? context, IReadOnlyList<TupleKey> contextualTuples)
    {
        var (reason, relationValue, kind) = ResolveUsers(@object, relation, filter);
        if (reason is not null)
        {
            ListUsers.CountFallback(reason);
            return null;
        }

        ListUsers.CountTyped();
        var call = relationValue!.GetType().GetMethod("Users")!.MakeGenericMethod(kind!);
        return () => Answer(FromUsers.MakeGenericMethod(kind!), Invoke(call, relationValue, context, contextualTuples, CancellationToken.None));
    }

    private (string? Reason, object? Set, MethodInfo? Where, FgaParsedSubject Subject) ResolveObjects(string type, string relation, string user)
    {
        if (Unavailable() is { } reason)
        {
            return (reason, null, null, default);
        }

        if (!_model!.Client!.TryGetSet(type, out var set, out var whereByRelation))
        {
            return ("the type has no relations in the model (no generated set)", null, null, default);
        }

        if (!whereByRelation.TryGetValue(relation, out var where))
        {
            return ("the relation is not in the model (no generated Where method)", null, null, default);
        }

        return TryParse(user, out var subject)
            ? (null, set.GetValue(_view), where, subject)
            : ("the user is not an OpenFGA subject", null, null, default);
    }

    private (string? Reason, object? Relation, Type? Kind) ResolveUsers(string @object, string relation, string filter)
    {
        if (Unavailable() is { } reason)
        {
            return (reason, null, null);
        }

        var client = _model!.Client!;
        if (!TryParse(@object, out var parsed) || parsed.Relation is not null || parsed.IsWildcard)
        {
            return ("the object is not type:id", null, null);
        }

        if (!client.TryGetFactory(parsed.Type, out var factory))
        {
            return ("the object's type is not in the model (no generated factory)", null, null);
        }

        object target;
        try
        {
            target = Invoke(factory, _view, parsed.Id)!;
        }
        catch (ArgumentException)
        {
            return ("the generated factory refuses the object id", null, null);
        }

        if (GeneratedClient.RelationProperty(target.GetType(), relation) is not { } property)
        {
            return ("the relation is not in the model (no generated relation property)", null, null);
        }

        if (!client.TryGetKind(filter, out var kind))
        {
            // The generator makes a kind of each object type and of each relation (team#member, folder#editor).
            return (filter.Contains('#') ? "the filter's relation is not in the model (no generated kind)" : "the filter's type is not in the model (no generated kind)", null, null);
        }

        if (!typeof(IFgaUserOf<>).MakeGenericType(property.PropertyType).IsAssignableFrom(kind))
        {
            return ("the relation cannot hold the filter's kind (Users<TKind> does not compile)", null, null);
        }

        return (null, property.GetValue(target), kind);
    }

    private string? Unavailable() =>
        _model is null ? "no model" : _model.Failure;

    private static bool TryParse(string value, out FgaParsedSubject subject)
    {
        try
        {
            subject = FgaParsedSubject.Parse(value);
            return true;
        }
        catch (FormatException)
        {
            subject = default;
            return false;
        }
    }

    // The generated method's own exceptions (an engine error, a FormatException for a subject of the wrong kind) come out unwrapped.
    private static object? Invoke(MethodInfo method, object? target, params object?[] arguments) =>
        method.Invoke(target, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);

    private static Task<TypedAnswer> Answer(MethodInfo convert, object? pending) => (Task<TypedAnswer>)Invoke(convert, null, pending)!;
}
