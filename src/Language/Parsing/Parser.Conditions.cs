using System.Collections.Generic;
using System.Text;
using TypedFga.Language.Model;

namespace TypedFga.Language.Parsing;

/// <summary>
/// <c>condition name(p: type, ...) { CEL }</c> blocks. The signature follows OpenFGA's condition lexer mode
/// (parameter type words are not identifiers there, and it ends at the first <c>)</c>); the expression is
/// every token up to the first <c>}</c> outside a string, kept as text as OpenFGA's transformer keeps it.
/// </summary>
internal sealed partial class Parser
{
    private bool ParseCondition()
    {
        _index++;
        if (!Expect(TokenKind.Whitespace, "WHITESPACE"))
        {
            return false;
        }

        if (!IsSignatureIdentifier(Current))
        {
            Unexpected(Current, "IDENTIFIER");
            return false;
        }

        var nameToken = Current;
        var name = Text(nameToken);
        _index++;
        Skip(TokenKind.Whitespace);
        if (!Expect(TokenKind.LeftParen, "'('"))
        {
            return false;
        }

        var parameters = new List<ConditionParameter>();
        while (true)
        {
            Skip(TokenKind.Whitespace);
            var parameter = ParseParameter(name, parameters);
            if (parameter is null)
            {
                return false;
            }

            parameters.Add(parameter);
            Skip(TokenKind.Whitespace);
            if (Current.Kind == TokenKind.Comma)
            {
                _index++;
                continue;
            }

            if (!Expect(TokenKind.RightParen, "{',', ')'}"))
            {
                return false;
            }

            break;
        }

        Skip(TokenKind.Whitespace);
        if (Current.Kind != TokenKind.LeftBrace)
        {
            Unexpected(Current, "'{'");
            return false;
        }

        var open = Current;
        _index++;
        while (Current.Kind is not (TokenKind.RightBrace or TokenKind.EndOfFile))
        {
            _index++;
        }

        if (Current.Kind == TokenKind.EndOfFile)
        {
            Unexpected(Current, "'}'");
            return false;
        }

        var expression = ExpressionText(open.End, Current.Start);
        _index++;
        AddCondition(new ConditionDefinition(
            name,
            parameters.ToEquatableArray(),
            expression,
            SpanOf(nameToken),
            _result.ModuleName,
            _result.ModuleName is null ? null : _result.FilePath));
        return true;
    }

    private ConditionParameter? ParseParameter(string conditionName, List<ConditionParameter> previous)
    {
        if (!IsSignatureIdentifier(Current))
        {
            Unexpected(Current, "IDENTIFIER");
            return null;
        }

        var nameToken = Current;
        var name = Text(nameToken);
        _index++;
        Skip(TokenKind.Whitespace);
        if (!Expect(TokenKind.Colon, "':'"))
        {
            return null;
        }

        Skip(TokenKind.Whitespace);
        var kind = ParameterKind(Current);
        if (kind is null)
        {
            Unexpected(Current, "{CONDITION_PARAM_TYPE, CONDITION_PARAM_CONTAINER}");
            return null;
        }

        _index++;
        var type = new ConditionParameterType(kind.Value);
        if (kind is ConditionParameterKind.Map or ConditionParameterKind.List)
        {
            if (!Expect(TokenKind.Less, "'<'"))
            {
                return null;
            }

            var argument = ParameterKind(Current);
            if (argument is null or ConditionParameterKind.Map or ConditionParameterKind.List)
            {
                Unexpected(Current, "CONDITION_PARAM_TYPE");
                return null;
            }

            _index++;
            if (!Expect(TokenKind.Greater, "'>'"))
            {
                return null;
            }

            type = new ConditionParameterType(kind.Value, new ConditionParameterType(argument.Value));
        }

        foreach (var existing in previous)
        {
            if (existing.Name == name)
            {
                Transform($"parameter '{name}' is already defined in the condition '{conditionName}'", SpanOf(nameToken), name);
                break;
            }
        }

        return new ConditionParameter(name, type);
    }

    private void AddCondition(ConditionDefinition condition)
    {
        var conditions = _result.Conditions;
        for (var i = 0; i < conditions.Count; i++)
        {
            if (conditions[i].Name == condition.Name)
            {
                Transform($"condition '{condition.Name}' is already defined in the model", condition.Span, condition.Name);
                conditions[i] = condition;
                return;
            }
        }

        conditions.Add(condition);
    }

    /// <summary>The expression between the braces, without <c>//</c> comments, trimmed.</summary>
    private string ExpressionText(int start, int end)
    {
        var text = _source.Cleaned;
        StringBuilder? builder = null;
        var copied = start;
        foreach (var comment in _lexerComments)
        {
            if (comment.Start < start || comment.Start >= end)
            {
                continue;
            }

            builder ??= new StringBuilder(end - start);
            builder.Append(text, copied, comment.Start - copied);
            copied = comment.End;
        }

        if (builder is null)
        {
            return text.Substring(start, end - start).Trim();
        }

        builder.Append(text, copied, end - copied);
        return builder.ToString().Trim();
    }

    private ConditionParameterKind? ParameterKind(Token token) =>
        token.Kind == TokenKind.Word && !token.IsExtended ? Keywords.ParameterKind(Text(token)) : null;

    // In OpenFGA's condition lexer mode every word is an identifier except the parameter type words.
    private bool IsSignatureIdentifier(Token token) =>
        token.Kind == TokenKind.Word && !token.IsExtended && Keywords.ParameterKind(Text(token)) is null;
}
