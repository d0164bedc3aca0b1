using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>Token navigation, expectations and error reporting shared by the parser's parts.</summary>
internal sealed partial class Parser
{
    private Token Peek(int offset)
    {
        var index = _index + offset;
        return index < _tokens.Count ? _tokens[index] : _tokens[_tokens.Count - 1];
    }

    private void Skip(TokenKind kind)
    {
        if (Current.Kind == kind)
        {
            _index++;
        }
    }

    private void SkipBlanks()
    {
        while (Current.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _index++;
        }
    }

    private bool Expect(TokenKind kind, string expecting)
    {
        if (Current.Kind == kind)
        {
            _index++;
            return true;
        }

        Unexpected(Current, expecting);
        return false;
    }

    private bool ExpectKeyword(Keyword keyword, string expecting)
    {
        if (Current.Is(keyword))
        {
            _index++;
            return true;
        }

        Unexpected(Current, expecting);
        return false;
    }

    /// <summary>The current token must end the line (without consuming it).</summary>
    private bool ExpectLineEnd()
    {
        if (Current.Kind is TokenKind.Newline or TokenKind.EndOfFile)
        {
            return true;
        }

        Unexpected(Current, "{<EOF>, NEWLINE}");
        return false;
    }

    /// <summary>
    /// Error recovery: moves to the end of the input or to a line break followed by one of the given keywords,
    /// so one mistake yields one error and parsing resumes at the next declaration.
    /// </summary>
    private void SkipTo(System.Func<Keyword, bool> resumeAt)
    {
        while (Current.Kind != TokenKind.EndOfFile)
        {
            if (Current.Kind == TokenKind.Newline)
            {
                var next = Peek(1);
                if (next.Kind == TokenKind.EndOfFile || (next.Kind == TokenKind.Word && resumeAt(next.Keyword)))
                {
                    return;
                }
            }

            _index++;
        }
    }

    private void Unexpected(Token token, string expecting)
    {
        // Recovery can stop on a token that was already reported; one error per token is enough.
        var errors = _result.SyntaxErrors;
        if (errors.Count > 0 && errors[errors.Count - 1].Span.Start == _source.Span(token.Start, 0).Start)
        {
            return;
        }

        var text = token.Kind == TokenKind.EndOfFile ? "<EOF>" : Text(token);
        _result.SyntaxErrors.Add(Diagnostic(
            ModelDiagnosticKinds.SyntaxError,
            $"mismatched input '{Escape(text)}' expecting {expecting}",
            SpanOf(token),
            text));
    }

    private void Transform(string message, SourceSpan span, string symbol) =>
        _result.TransformErrors.Add(Diagnostic(ModelDiagnosticKinds.SyntaxError, message, span, symbol));

    private ModelDiagnostic Diagnostic(string kind, string message, SourceSpan span, string symbol) =>
        new(kind, message, span, ModelDiagnosticSeverity.Error, symbol, _result.FilePath);

    private string Text(Token token) => _source.Cleaned.Substring(token.Start, token.Length);

    private SourceSpan SpanOf(Token token) => _source.Span(token.Start, token.Length);

    private SourceSpan SpanOf(Token first, Token last) => _source.Span(first.Start, last.End - first.Start);

    private static string Escape(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n").Replace("\t", "\\t");
}
