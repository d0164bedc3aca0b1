namespace TypedFga.Language.Model
{
    /// <summary>
    /// A range in a DSL source file. Lines and columns are zero-based (as Roslyn's <c>LinePosition</c>);
    /// <see cref="Start"/> and <see cref="Length"/> are character offsets into the file's text.
    /// </summary>
    public readonly record struct SourceSpan(int Start, int Length, int Line, int Column, int EndLine, int EndColumn)
    {
        public static SourceSpan None => default;
    }
}
