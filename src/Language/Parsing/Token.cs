namespace TypedFga.Language.Parsing;

/// <summary>The token kinds of OpenFGA's DSL lexer, merged where the parser never tells them apart.</summary>
internal enum TokenKind : byte
{
    EndOfFile,
    Newline,
    Whitespace,
    Word,
    ButNot,
    Number,
    Version,
    String,
    Colon,
    Comma,
    Hash,
    Star,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    LeftBrace,
    RightBrace,
    Less,
    Greater,
    Operator,
}

/// <summary>Reserved words of the DSL; a <see cref="TokenKind.Word"/> token carries one or <see cref="None"/>.</summary>
internal enum Keyword : byte
{
    None,
    Model,
    Schema,
    Type,
    Relation,
    Module,
    Extend,
    And,
    Or,
    From,
    Define,
    Relations,
    With,
    Condition,
    In,
    True,
    False,
    Null,
}

/// <summary>One token; <see cref="Start"/> is an offset into the cleaned text.</summary>
internal readonly struct Token
{
    public Token(TokenKind kind, int start, int length, Keyword keyword = Keyword.None, bool isExtended = false)
    {
        Kind = kind;
        Start = start;
        Length = length;
        Keyword = keyword;
        IsExtended = isExtended;
    }

    public TokenKind Kind { get; }

    public int Start { get; }

    public int Length { get; }

    public int End => Start + Length;

    public Keyword Keyword { get; }

    /// <summary>The word uses <c>/</c> or <c>.</c> (OpenFGA's EXTENDED_IDENTIFIER), so it is no plain identifier.</summary>
    public bool IsExtended { get; }

    /// <summary>Usable as a type or relation name (OpenFGA's <c>extended_identifier</c>).</summary>
    public bool IsName => Kind == TokenKind.Word && Keyword is Keyword.None or Keyword.Model or Keyword.Schema
        or Keyword.Type or Keyword.Relation or Keyword.Module or Keyword.Extend;

    /// <summary>Usable as a module name (OpenFGA's <c>identifier</c>).</summary>
    public bool IsIdentifier => IsName && !IsExtended;

    /// <summary>A plain IDENTIFIER token: no keyword, no <c>/</c> or <c>.</c>.</summary>
    public bool IsPlainIdentifier => Kind == TokenKind.Word && Keyword == Keyword.None && !IsExtended;

    public bool Is(Keyword keyword) => Kind == TokenKind.Word && Keyword == keyword;
}
