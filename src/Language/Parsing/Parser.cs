using System.Collections.Generic;
using System.Threading;
using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>
/// Recursive-descent parser for OpenFGA's DSL, following the rules of OpenFGA's ANTLR grammar so that a
/// model is accepted or rejected as OpenFGA does and the first error sits on the same token.
/// This part reads the header and the type blocks; relations and conditions live in the other parts.
/// </summary>
internal sealed partial class Parser
{
    private readonly DslSource _source;
    private readonly IReadOnlyList<Token> _tokens;
    private readonly IReadOnlyList<Token> _lexerComments;
    private readonly ParsedFile _result;
    private readonly CancellationToken _cancellationToken;
    private int _index;

    private Parser(DslSource source, Lexer lexer, string? filePath, CancellationToken cancellationToken)
    {
        _source = source;
        _tokens = lexer.Tokens;
        _lexerComments = lexer.Comments;
        _result = new ParsedFile(source, filePath);
        _cancellationToken = cancellationToken;
        foreach (var invalid in lexer.Invalid)
        {
            var text = source.Cleaned.Substring(invalid.Start, invalid.Length);
            _result.SyntaxErrors.Add(Diagnostic(
                ModelDiagnosticKinds.SyntaxError,
                $"token recognition error at: '{Escape(text)}'",
                source.Span(invalid.Start, invalid.Length),
                text));
        }
    }

    private Token Current => _tokens[_index];

    public static ParsedFile Parse(string text, string? filePath, CancellationToken cancellationToken)
    {
        var source = DslSource.Create(text);
        var lexer = Lexer.Run(source.Cleaned, cancellationToken);
        var parser = new Parser(source, lexer, filePath, cancellationToken);
        parser.ParseFile();
        parser._result.SyntaxErrors.Sort(static (a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return parser._result;
    }

    private void ParseFile()
    {
        Skip(TokenKind.Whitespace);
        Skip(TokenKind.Newline);
        if (!ParseHeader())
        {
            SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
        }

        var inConditions = false;
        while (Current.Kind != TokenKind.EndOfFile)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (Current.Kind != TokenKind.Newline)
            {
                Unexpected(Current, "{<EOF>, NEWLINE}");
                SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
                continue;
            }

            var next = Peek(1);
            if (next.Kind == TokenKind.EndOfFile)
            {
                _index++;
                break;
            }

            if (!inConditions && (next.Is(Keyword.Type) || next.Is(Keyword.Extend)))
            {
                _index++;
                ParseType();
            }
            else if (next.Is(Keyword.Condition))
            {
                inConditions = true;
                _index++;
                if (!ParseCondition())
                {
                    SkipTo(static (keyword) => keyword is Keyword.Condition);
                }
            }
            else
            {
                Unexpected(next, inConditions ? "{<EOF>, 'condition'}" : "{<EOF>, 'type', 'extend', 'condition'}");
                _index++;
                SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
            }
        }
    }

    private bool ParseHeader()
    {
        var first = Current;
        if (first.Is(Keyword.Model))
        {
            _index++;
            if (!Expect(TokenKind.Newline, "NEWLINE") || !ExpectKeyword(Keyword.Schema, "'schema'") || !Expect(TokenKind.Whitespace, "WHITESPACE"))
            {
                return false;
            }

            if (Current.Kind != TokenKind.Version)
            {
                Unexpected(Current, "SCHEMA_VERSION");
                return false;
            }

            _result.SchemaVersion = Text(Current);
            _result.SchemaVersionSpan = SpanOf(Current);
            _index++;
            Skip(TokenKind.Whitespace);
            return ExpectLineEnd();
        }

        if (first.Is(Keyword.Module))
        {
            _index++;
            if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
            {
                return false;
            }

            if (!Current.IsIdentifier)
            {
                Unexpected(Current, "IDENTIFIER");
                return false;
            }

            _result.ModuleName = Text(Current);
            _index++;
            Skip(TokenKind.Whitespace);
            return ExpectLineEnd();
        }

        Unexpected(first, "{'model', 'module'}");
        return false;
    }

    private void ParseType()
    {
        var isExtension = Current.Is(Keyword.Extend);
        if (isExtension)
        {
            _index++;
            if (!Expect(TokenKind.Whitespace, "WHITESPACE") || !ExpectKeyword(Keyword.Type, "'type'"))
            {
                SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
                return;
            }
        }
        else
        {
            _index++;
        }

        var typeKeyword = _tokens[_index - 1];
        if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
        {
            SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
            return;
        }

        if (!Current.IsName)
        {
            Unexpected(Current, "{IDENTIFIER, EXTENDED_IDENTIFIER}");
            SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
            return;
        }

        var nameToken = Current;
        var name = Text(nameToken);
        var nameSpan = SpanOf(nameToken);
        _index++;
        var isCritical = _source.IsCriticalLine(_source.LineOf(typeKeyword.Start));
        var relations = new List<RelationDefinition>();
        var relationIndex = new Dictionary<string, int>(System.StringComparer.Ordinal);

        if (Current.Kind == TokenKind.Newline && Peek(1).Is(Keyword.Relations))
        {
            _index += 2;
            if (Current.Kind != TokenKind.Newline || !Peek(1).Is(Keyword.Define))
            {
                Unexpected(Current.Kind == TokenKind.Newline ? Peek(1) : Current, "'define'");
            }

            while (Current.Kind == TokenKind.Newline && Peek(1).Is(Keyword.Define))
            {
                _cancellationToken.ThrowIfCancellationRequested();
                _index++;
                var relation = ParseRelation(name, isCritical, isExtension);
                if (relation is null)
                {
                    SkipTo(static (keyword) => keyword is Keyword.Define or Keyword.Type or Keyword.Extend or Keyword.Condition);
                    continue;
                }

                if (relationIndex.TryGetValue(relation.Name, out var existing))
                {
                    Transform($"'{relation.Name}' is already defined in '{name}'", relation.Span, relation.Name);
                    relations[existing] = relation;
                }
                else
                {
                    relationIndex.Add(relation.Name, relations.Count);
                    relations.Add(relation);
                }
            }
        }
        else if (Current.Kind is not (TokenKind.Newline or TokenKind.EndOfFile))
        {
            Unexpected(Current, "{<EOF>, NEWLINE}");
            SkipTo(static (keyword) => keyword is Keyword.Type or Keyword.Extend or Keyword.Condition);
        }

        if (isExtension)
        {
            CheckExtension(name, nameSpan);
        }

        var module = _result.ModuleName;
        _result.Types.Add(new TypeDefinition(
            name,
            relations.ToEquatableArray(),
            isCritical,
            nameSpan,
            module,
            module is null ? null : _result.FilePath));
        _result.IsExtension.Add(isExtension);
    }

    private void CheckExtension(string name, SourceSpan nameSpan)
    {
        if (!_result.IsModule)
        {
            Transform("extend can only be used in a modular model", nameSpan, name);
            return;
        }

        for (var i = 0; i < _result.Types.Count; i++)
        {
            if (_result.IsExtension[i] && _result.Types[i].Name == name)
            {
                Transform($"'{name}' is already extended in file.", nameSpan, name);
                return;
            }
        }
    }
}
