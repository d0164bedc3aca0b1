namespace TypedFga.Language.Model
{
    /// <summary>How bad a <see cref="ModelDiagnostic"/> is.</summary>
    public enum ModelDiagnosticSeverity
    {
        Warning,
        Error,
    }

    /// <summary>
    /// A problem found in a model. <see cref="Kind"/> is OpenFGA's error type (<c>syntax-error</c>,
    /// <c>missing-definition</c>, <c>relation-no-entry-point</c>, ...); <see cref="Symbol"/> the name it concerns.
    /// <see cref="ObjectType"/> and <see cref="Relation"/> say where a semantic problem is, which is the only
    /// location a model without source text (one read from JSON) can give.
    /// </summary>
    /// <param name="Kind">OpenFGA's error type, one of <see cref="ModelDiagnosticKinds"/>.</param>
    /// <param name="Message">The message, as OpenFGA's language tools word it.</param>
    /// <param name="Span">Where in the source; <see cref="SourceSpan.None"/> when the model has no source text.</param>
    /// <param name="Severity">Error or warning.</param>
    /// <param name="Symbol">The name the problem concerns.</param>
    /// <param name="File">The file, for modular models or when a path was given.</param>
    /// <param name="ObjectType">The type whose definition has the problem, when it is in a type.</param>
    /// <param name="Relation">The relation whose definition has the problem, when it is in a relation.</param>
    public sealed record ModelDiagnostic(
        string Kind,
        string Message,
        SourceSpan Span,
        ModelDiagnosticSeverity Severity = ModelDiagnosticSeverity.Error,
        string? Symbol = null,
        string? File = null,
        string? ObjectType = null,
        string? Relation = null);
}
