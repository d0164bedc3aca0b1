using TypedFga.Embedded.Authorization.Conditions;
using TypedFga.Embedded.Errors;
using TypedFga.Language;
using TypedFga.Wire;
using ModelDiagnosticSeverity = TypedFga.Language.Model.ModelDiagnosticSeverity;

namespace TypedFga.Embedded.Authorization;

/// <summary>
/// Validates an OpenFGA JSON model as WriteAuthorizationModel does. The engine checks what belongs to the API:
/// the number of types, the conditions (limits, key and name, parameter types, CEL that compiles) and OpenFGA's
/// cycle rule; the model's semantics (names, references between types and relations, tuple-to-userset rules,
/// duplicates, entry points, unused conditions) are checked by the model compiler, the same rules a DSL model
/// meets. Failures throw <see cref="FgaEngineException"/>.
/// </summary>
internal static class ModelValidator
{
    private const int MaxConditions = 25;
    private const int MaxConditionParameters = 25;
    private const int MaxExpressionBytes = 512;

    public static void Validate(AuthorizationModel model, int maxTypes, CancellationToken cancellationToken = default)
    {
        var typeDefinitions = model.TypeDefinitions ?? [];
        if (typeDefinitions.Count == 0)
        {
            throw FgaEngineException.Validation("invalid WriteAuthorizationModelRequest.TypeDefinitions: value must contain at least 1 item(s)");
        }

        if (typeDefinitions.Count > maxTypes)
        {
            throw new FgaEngineException(FgaErrorCode.ExceededEntityLimit, $"number of type definitions in an authorization model exceeds the allowed limit of {maxTypes}");
        }

        ValidateConditions(model.Conditions);
        var diagnostics = FgaCompiler.Validate(CompilerModelConverter.Convert(model), cancellationToken);
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity == ModelDiagnosticSeverity.Error)
            {
                throw Invalid(ModelErrorMessages.For(diagnostic));
            }
        }

        if (RewriteCycles.Find(AuthorizationTypeSystem.Build("", model)) is { } cycle)
        {
            throw Invalid(ModelErrorMessages.InvalidRelation(cycle.Type, cycle.Relation, "an authorization model cannot contain a cycle"));
        }
    }

    private static void ValidateConditions(IReadOnlyDictionary<string, Condition>? conditions)
    {
        if (conditions is null)
        {
            return;
        }

        if (conditions.Count > MaxConditions)
        {
            throw FgaEngineException.Validation($"a model may define at most {MaxConditions} conditions");
        }

        foreach (var (name, condition) in conditions)
        {
            if (condition.Name != name)
            {
                throw Invalid($"the condition key '{name}' does not match the condition name '{condition.Name}'");
            }

            var parameters = condition.Parameters ?? new Dictionary<string, ConditionParamTypeRef>();
            if (parameters.Count > MaxConditionParameters)
            {
                throw FgaEngineException.Validation($"condition '{name}' has more than {MaxConditionParameters} parameters");
            }

            if (System.Text.Encoding.UTF8.GetByteCount(condition.Expression ?? "") > MaxExpressionBytes)
            {
                throw FgaEngineException.Validation($"the expression of condition '{name}' is longer than {MaxExpressionBytes} bytes");
            }

            foreach (var (parameter, type) in parameters)
            {
                if (!ConditionParameterType.KnownTypeNames.Contains(type.TypeName ?? ""))
                {
                    throw Invalid($"condition '{name}' parameter '{parameter}' has an unknown type '{type.TypeName}'");
                }
            }

            try
            {
                ConditionEvaluator.Create(name, condition).Validate();
            }
            catch (Exception e) when (e is not FgaEngineException and not OutOfMemoryException)
            {
                throw Invalid($"failed to compile condition '{name}': {e.Message}");
            }
        }
    }

    internal static FgaEngineException Invalid(string message) => new(FgaErrorCode.InvalidAuthorizationModel, message);
}
