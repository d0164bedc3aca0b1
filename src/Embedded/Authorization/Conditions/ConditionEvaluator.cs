using System.Net;
using System.Text.Json.Nodes;
using Cel;
using Google.Protobuf;
using TypedFga.Embedded.Errors;
using TypedFga.Wire;

namespace TypedFga.Embedded.Authorization.Conditions;

/// <summary>
/// One condition of a model, compiled once to a CEL program and evaluated per tuple with the request's
/// context merged under the tuple's own context (the tuple wins). Every failure, including a missing
/// parameter, surfaces as OpenFGA's <c>validation_error</c>.
/// </summary>
internal sealed class ConditionEvaluator
{
    private readonly Lazy<CelProgramDelegate> _program;

    private ConditionEvaluator(string name, string expression, IReadOnlyDictionary<string, ConditionParameterType> parameters)
    {
        Name = name;
        Expression = expression;
        Parameters = parameters;
        _program = new Lazy<CelProgramDelegate>(() => CreateEnvironment().Compile(expression), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Name { get; }

    public string Expression { get; }

    public IReadOnlyDictionary<string, ConditionParameterType> Parameters { get; }

    public static ConditionEvaluator Create(string name, Condition condition)
    {
        var parameters = new Dictionary<string, ConditionParameterType>(StringComparer.Ordinal);
        foreach (var (parameter, type) in condition.Parameters ?? new Dictionary<string, ConditionParamTypeRef>())
        {
            parameters[parameter] = ConditionParameterType.From(type);
        }

        return new ConditionEvaluator(name, condition.Expression ?? "", parameters);
    }

    /// <summary>Compiles the expression now and checks that it names only declared parameters.</summary>
    public void Validate()
    {
        var environment = CreateEnvironment();
        var tree = environment.Parse(Expression);
        foreach (var identifier in CelIdentifiers.FreeIdentifiers(tree))
        {
            if (!Parameters.ContainsKey(identifier))
            {
                throw new FormatException($"undeclared reference to '{identifier}'");
            }
        }

        environment.Compile(tree);
    }

    /// <summary>Evaluates the condition for a tuple; throws <see cref="FgaEngineException"/> (validation_error) when it cannot.</summary>
    public bool Evaluate(JsonObject? requestContext, JsonObject? tupleContext, string tupleDescription)
    {
        var values = new Dictionary<string, object?>(Parameters.Count, StringComparer.Ordinal);
        List<string>? missing = null;
        foreach (var (parameter, type) in Parameters)
        {
            JsonNode? raw;
            if ((tupleContext is null || !tupleContext.TryGetPropertyValue(parameter, out raw))
                && (requestContext is null || !requestContext.TryGetPropertyValue(parameter, out raw)))
            {
                (missing ??= []).Add(parameter);
                continue;
            }

            try
            {
                values[parameter] = ConditionValueConverter.Convert(raw, type);
            }
            catch (FormatException e)
            {
                throw Failure($"failed to convert context parameter '{parameter}': {e.Message}");
            }
        }

        if (missing is not null)
        {
            throw Failure($"tuple '{tupleDescription}' is missing context parameters '[{string.Join(" ", missing)}]'");
        }

        object? result;
        try
        {
            result = _program.Value(values);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The evaluator reports type and runtime errors as assorted exceptions; all are evaluation failures.
            throw Failure($"failed to evaluate condition expression: {e.Message}");
        }

        return result is bool met
            ? met
            : throw Failure("failed to convert condition output to bool");
    }

    private FgaEngineException Failure(string reason) =>
        FgaEngineException.Validation($"failed to evaluate relationship condition '{Name}': {reason}");

    private static CelEnvironment CreateEnvironment()
    {
        var environment = new CelEnvironment(null, null);
        environment.RegisterFunction("in_cidr", [typeof(ByteString), typeof(string)], static args =>
        {
            var address = IpAddresses.FromValue((ByteString)args[0]!);
            return IPNetwork.Parse((string)args[1]!).Contains(address);
        });
        environment.RegisterFunction("ipaddress", [typeof(string)], static args =>
            IPAddress.TryParse((string)args[0]!, out var address)
                ? IpAddresses.ToValue(address)
                : throw new FormatException($"invalid ip address '{args[0]}'"));
        return environment;
    }
}
