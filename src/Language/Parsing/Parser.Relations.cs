using System.Collections.Generic;
using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>
/// Relation definitions. OpenFGA's grouping rules: one operator kind per level (any number of <c>or</c>, any
/// number of <c>and</c>, or a single <c>but not</c>), parentheses to mix them, and a direct restriction
/// <c>[...]</c> only as the very first operand (also inside leading parentheses).
/// </summary>
internal sealed partial class Parser
{
    // Deeper nesting is rejected rather than risking the stack of the compiler host.
    private const int MaxNestingDepth = 64;

    private const string OperandExpected = "{'[', '(', IDENTIFIER, EXTENDED_IDENTIFIER}";

    private List<TypeRestriction>? _directTypes;

    private RelationDefinition? ParseRelation(string typeName, bool typeIsCritical, bool inExtension)
    {
        var defineToken = Current;
        _index++;
        if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
        {
            return null;
        }

        if (!Current.IsName)
        {
            Unexpected(Current, "{IDENTIFIER, EXTENDED_IDENTIFIER}");
            return null;
        }

        var nameToken = Current;
        _index++;
        Skip(TokenKind.Whitespace);
        if (!Expect(TokenKind.Colon, "':'"))
        {
            return null;
        }

        Skip(TokenKind.Whitespace);
        _directTypes = null;
        var rewrite = ParseRelationDefinition(allowDirect: true, depth: 0);
        if (rewrite is null || !ExpectLineEnd())
        {
            return null;
        }

        var isCritical = typeIsCritical || _source.IsCriticalLine(_source.LineOf(defineToken.Start));
        var direct = _directTypes is null ? EquatableArray<TypeRestriction>.Empty : _directTypes.ToEquatableArray();
        return new RelationDefinition(
            Text(nameToken),
            rewrite,
            direct,
            isCritical,
            SpanOf(nameToken),
            inExtension ? _result.ModuleName : null,
            inExtension ? _result.FilePath : null);
    }

    private Rewrite? ParseRelationDefinition(bool allowDirect, int depth)
    {
        var first = ParseOperand(allowDirect, depth);
        if (first is null)
        {
            return null;
        }

        var operatorKind = OperatorAfterWhitespace();
        if (operatorKind == Keyword.None)
        {
            return first;
        }

        var isButNot = operatorKind == Keyword.From;
        var operands = new List<RewriteNode> { new(first) };
        do
        {
            _index += 2;
            if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
            {
                return null;
            }

            var operand = ParseOperand(allowDirect: false, depth);
            if (operand is null)
            {
                return null;
            }

            operands.Add(new RewriteNode(operand));
        }
        while (!isButNot && OperatorAfterWhitespace() == operatorKind);

        if (isButNot)
        {
            return new DifferenceRewrite(operands[0], operands[1]);
        }

        return operatorKind == Keyword.Or
            ? new UnionRewrite(operands.ToEquatableArray())
            : new IntersectionRewrite(operands.ToEquatableArray());
    }

    /// <summary>
    /// When the current token is whitespace followed by an operator: <c>Or</c>, <c>And</c>, or <c>From</c>
    /// standing in for <c>but not</c>; otherwise <c>None</c>.
    /// </summary>
    private Keyword OperatorAfterWhitespace()
    {
        if (Current.Kind != TokenKind.Whitespace)
        {
            return Keyword.None;
        }

        var next = Peek(1);
        if (next.Kind == TokenKind.ButNot)
        {
            return Keyword.From;
        }

        return next.Is(Keyword.Or) ? Keyword.Or : next.Is(Keyword.And) ? Keyword.And : Keyword.None;
    }

    private Rewrite? ParseOperand(bool allowDirect, int depth)
    {
        var token = Current;
        if (token.Kind == TokenKind.LeftBracket && allowDirect)
        {
            return ParseDirectAssignment() ? new DirectRewrite() : null;
        }

        if (token.Kind == TokenKind.LeftParen)
        {
            return ParseGroup(allowDirect, depth);
        }

        if (token.IsName)
        {
            return ParseReference();
        }

        Unexpected(token, allowDirect ? OperandExpected : "{'(', IDENTIFIER, EXTENDED_IDENTIFIER}");
        return null;
    }

    private Rewrite? ParseGroup(bool allowDirect, int depth)
    {
        if (depth >= MaxNestingDepth)
        {
            _result.SyntaxErrors.Add(Diagnostic(
                ModelDiagnosticKinds.SyntaxError,
                $"relation definition nested deeper than {MaxNestingDepth} parentheses",
                SpanOf(Current),
                "("));
            return null;
        }

        _index++;
        while (Current.Kind == TokenKind.Whitespace)
        {
            _index++;
        }

        var inner = ParseRelationDefinition(allowDirect, depth + 1);
        if (inner is null)
        {
            return null;
        }

        while (Current.Kind == TokenKind.Whitespace)
        {
            _index++;
        }

        return Expect(TokenKind.RightParen, "{')', WHITESPACE}") ? inner : null;
    }

    private Rewrite? ParseReference()
    {
        var first = Current;
        _index++;
        if (Current.Kind != TokenKind.Whitespace || !Peek(1).Is(Keyword.From))
        {
            return new ComputedUsersetRewrite(Text(first), SpanOf(first));
        }

        _index += 2;
        if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
        {
            return null;
        }

        if (!Current.IsName)
        {
            Unexpected(Current, "{IDENTIFIER, EXTENDED_IDENTIFIER}");
            return null;
        }

        var tupleset = Current;
        _index++;
        return new TupleToUsersetRewrite(Text(tupleset), Text(first), SpanOf(first, tupleset));
    }

    private bool ParseDirectAssignment()
    {
        _index++;
        var restrictions = new List<TypeRestriction>();
        while (true)
        {
            SkipBlanks();
            var restriction = ParseTypeRestriction();
            if (restriction is null)
            {
                return false;
            }

            restrictions.Add(restriction);
            SkipBlanks();
            if (Current.Kind == TokenKind.Comma)
            {
                _index++;
                continue;
            }

            if (Current.Kind == TokenKind.RightBracket)
            {
                _index++;
                _directTypes = restrictions;
                return true;
            }

            Unexpected(Current, "{',', WHITESPACE, ']'}");
            return false;
        }
    }

    private TypeRestriction? ParseTypeRestriction()
    {
        if (!Current.IsName)
        {
            Unexpected(Current, "{IDENTIFIER, EXTENDED_IDENTIFIER}");
            return null;
        }

        var typeToken = Current;
        var last = typeToken;
        string? relation = null;
        var isWildcard = false;
        _index++;
        if (Current.Kind == TokenKind.Colon)
        {
            _index++;
            if (Current.Kind != TokenKind.Star)
            {
                Unexpected(Current, "'*'");
                return null;
            }

            isWildcard = true;
            last = Current;
            _index++;
        }
        else if (Current.Kind == TokenKind.Hash)
        {
            _index++;
            if (!Current.IsName)
            {
                Unexpected(Current, "{IDENTIFIER, EXTENDED_IDENTIFIER}");
                return null;
            }

            relation = Text(Current);
            last = Current;
            _index++;
        }

        string? condition = null;
        var conditionSpan = default(SourceSpan);
        if (Current.Kind == TokenKind.Whitespace && Peek(1).Is(Keyword.With))
        {
            _index += 2;
            if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
            {
                return null;
            }

            if (!Current.IsPlainIdentifier)
            {
                Unexpected(Current, "IDENTIFIER");
                return null;
            }

            condition = Text(Current);
            conditionSpan = SpanOf(Current);
            _index++;
        }

        return new TypeRestriction(Text(typeToken), relation, isWildcard, condition, SpanOf(typeToken, last), conditionSpan);
    }
}
