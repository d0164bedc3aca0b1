using System.Collections.Generic;

namespace TypedFga.Language.Parsing;

/// <summary>
/// Splits the cleaned DSL text into tokens the way OpenFGA's ANTLR lexer does (longest match, keywords before
/// identifiers, whitespace around line breaks folded into one newline token). <c>//</c> comments are hidden;
/// characters no rule accepts are reported and dropped, as ANTLR's lexer does.
/// </summary>
internal sealed class Lexer
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly List<Token> _comments = new();
    private readonly List<Token> _invalid = new();
    private int _position;

    private Lexer(string text)
    {
        _text = text;

        // Models average four to five characters per token; sizing up front avoids repeated growth.
        _tokens = new List<Token>((text.Length / 4) + 1);
    }

    /// <summary>Tokens the parser reads, ending with <see cref="TokenKind.EndOfFile"/>.</summary>
    public IReadOnlyList<Token> Tokens => _tokens;

    /// <summary>Hidden <c>//</c> comments (left out of condition expressions).</summary>
    public IReadOnlyList<Token> Comments => _comments;

    /// <summary>Characters (or unterminated strings) no lexer rule accepts.</summary>
    public IReadOnlyList<Token> Invalid => _invalid;

    public static Lexer Run(string text, System.Threading.CancellationToken cancellationToken)
    {
        var lexer = new Lexer(text);
        lexer.Scan(cancellationToken);
        return lexer;
    }

    private void Scan(System.Threading.CancellationToken cancellationToken)
    {
        var text = _text;
        while (_position < text.Length)
        {
            if ((_tokens.Count & 0xFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var start = _position;
            var c = text[start];
            if (c is ' ' or '\t' or '\f' or '\r' or '\n')
            {
                ScanBlank(start);
            }
            else if (IsLetter(c) || c == '_')
            {
                ScanWord(start);
            }
            else if (c is >= '0' and <= '9')
            {
                ScanNumber(start);
            }
            else if (c is '"' or '\'')
            {
                ScanString(start, c);
            }
            else if (c == '/' && start + 1 < text.Length && text[start + 1] == '/')
            {
                var end = text.IndexOf('\n', start);
                end = end < 0 ? text.Length : end;
                _comments.Add(new Token(TokenKind.Operator, start, end - start));
                _position = end;
            }
            else
            {
                ScanPunctuation(start, c);
            }
        }

        _tokens.Add(new Token(TokenKind.EndOfFile, text.Length, 0));
    }

    private void ScanBlank(int start)
    {
        var text = _text;
        var end = start;
        var hasNewline = false;
        while (end < text.Length)
        {
            var c = text[end];
            if (c is '\r' or '\n')
            {
                hasNewline = true;
            }
            else if (c is not (' ' or '\t' or '\f'))
            {
                break;
            }

            end++;
        }

        if (!hasNewline)
        {
            // Plain whitespace stops where the blank run stops; it never contains a line break.
            _tokens.Add(new Token(TokenKind.Whitespace, start, end - start));
        }
        else
        {
            _tokens.Add(new Token(TokenKind.Newline, start, end - start));
        }

        _position = end;
    }

    private void ScanWord(int start)
    {
        var text = _text;
        if (string.CompareOrdinal(text, start, "but not", 0, 7) == 0)
        {
            _tokens.Add(new Token(TokenKind.ButNot, start, 7));
            _position = start + 7;
            return;
        }

        // IDENTIFIER: (LETTER | '_') (LETTER | DIGIT | '_' | '-')*
        var identifierEnd = start + 1;
        while (identifierEnd < text.Length && (IsWordChar(text[identifierEnd]) || text[identifierEnd] == '-'))
        {
            identifierEnd++;
        }

        // EXTENDED_IDENTIFIER: (LETTER | '_') (('/' | '.' | '-')? (LETTER | DIGIT | '_')+)*
        var extendedEnd = start + 1;
        while (true)
        {
            var next = extendedEnd;
            if (next < text.Length && text[next] is '/' or '.' or '-')
            {
                next++;
            }

            if (next >= text.Length || !IsWordChar(text[next]))
            {
                break;
            }

            while (next < text.Length && IsWordChar(text[next]))
            {
                next++;
            }

            extendedEnd = next;
        }

        if (extendedEnd > identifierEnd)
        {
            _tokens.Add(new Token(TokenKind.Word, start, extendedEnd - start, Keyword.None, isExtended: true));
            _position = extendedEnd;
            return;
        }

        var keyword = Keywords.Lookup(text, start, identifierEnd - start);
        _tokens.Add(new Token(TokenKind.Word, start, identifierEnd - start, keyword));
        _position = identifierEnd;
    }

    private void ScanNumber(int start)
    {
        var text = _text;
        var end = start;
        while (end < text.Length && text[end] is >= '0' and <= '9')
        {
            end++;
        }

        var kind = TokenKind.Number;
        if (end + 1 < text.Length && text[end] == '.' && text[end + 1] is >= '0' and <= '9')
        {
            end++;
            while (end < text.Length && text[end] is >= '0' and <= '9')
            {
                end++;
            }

            kind = TokenKind.Version;
        }

        _tokens.Add(new Token(kind, start, end - start));
        _position = end;
    }

    private void ScanString(int start, char quote)
    {
        var text = _text;
        var triple = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        var raw = start > 0 && text[start - 1] is 'r' or 'R';
        var i = start + (triple ? 3 : 1);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\' && !raw)
            {
                i += 2;
                continue;
            }

            if (triple)
            {
                if (c == quote && i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)
                {
                    Add(TokenKind.String, start, i + 3);
                    return;
                }
            }
            else if (c == quote)
            {
                Add(TokenKind.String, start, i + 1);
                return;
            }
            else if (c is '\n' or '\r')
            {
                break;
            }

            i++;
        }

        // Unterminated: ANTLR reports the quote and goes on after it.
        _invalid.Add(new Token(TokenKind.String, start, 1));
        _position = start + 1;
    }

    private void ScanPunctuation(int start, char c)
    {
        var next = start + 1 < _text.Length ? _text[start + 1] : '\0';
        switch (c)
        {
            case ':': Add(TokenKind.Colon, start, start + 1); return;
            case ',': Add(TokenKind.Comma, start, start + 1); return;
            case '#': Add(TokenKind.Hash, start, start + 1); return;
            case '*': Add(TokenKind.Star, start, start + 1); return;
            case '[': Add(TokenKind.LeftBracket, start, start + 1); return;
            case ']': Add(TokenKind.RightBracket, start, start + 1); return;
            case '(': Add(TokenKind.LeftParen, start, start + 1); return;
            case ')': Add(TokenKind.RightParen, start, start + 1); return;
            case '{': Add(TokenKind.LeftBrace, start, start + 1); return;
            case '}': Add(TokenKind.RightBrace, start, start + 1); return;
            case '<': Add(next == '=' ? TokenKind.Operator : TokenKind.Less, start, start + (next == '=' ? 2 : 1)); return;
            case '>': Add(next == '=' ? TokenKind.Operator : TokenKind.Greater, start, start + (next == '=' ? 2 : 1)); return;
            case '=' when next == '=':
            case '!' when next == '=':
            case '&' when next == '&':
            case '|' when next == '|':
                Add(TokenKind.Operator, start, start + 2);
                return;
            case '.' or '-' or '!' or '?' or '+' or '/' or '%':
                Add(TokenKind.Operator, start, start + 1);
                return;
            default:
                _invalid.Add(new Token(TokenKind.Operator, start, char.IsHighSurrogate(c) && char.IsLowSurrogate(next) ? 2 : 1));
                _position = start + _invalid[_invalid.Count - 1].Length;
                return;
        }
    }

    private void Add(TokenKind kind, int start, int end)
    {
        _tokens.Add(new Token(kind, start, end - start));
        _position = end;
    }

    private static bool IsLetter(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsWordChar(char c) => IsLetter(c) || c is (>= '0' and <= '9') or '_';
}
