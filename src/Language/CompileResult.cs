using TypedFga.Language.Model;

namespace TypedFga.Language;

/// <summary>The outcome of compiling a model: the model (when it could be read) and every problem found.</summary>
/// <param name="Model">The model; null when the text could not be read (syntax errors).</param>
/// <param name="Diagnostics">Every problem found, syntax errors first, then validation errors.</param>
public sealed record CompileResult(AuthorizationModel? Model, EquatableArray<ModelDiagnostic> Diagnostics)
{
    /// <summary>True when a model was produced and no diagnostic is an error.</summary>
    public bool Success
    {
        get
        {
            if (Model is null)
            {
                return false;
            }

            foreach (var diagnostic in Diagnostics)
            {
                if (diagnostic.Severity == ModelDiagnosticSeverity.Error)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
