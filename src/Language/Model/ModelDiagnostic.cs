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
    /// </summary>
    public sealed record ModelDiagnostic(
        string Kind,
        string Message,
        SourceSpan Span,
        ModelDiagnosticSeverity Severity = ModelDiagnosticSeverity.Error,
        string? Symbol = null,
        string? File = null);
}
