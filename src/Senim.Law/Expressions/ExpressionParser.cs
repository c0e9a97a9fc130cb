using System.Globalization;

namespace Senim.Law.Expressions;

/// <summary>Thrown when a condition does not parse; the message says what was expected where.</summary>
internal sealed class ExpressionException(string message) : Exception(message);

/// <summary>
/// Parses the condition language of law packs:
/// <c>a = yes and (b in [x, y] or not c has any)</c>, <c>tier &gt;= medium</c>,
/// <c>last_review &lt;= at - 12 months</c>. Grammar in docs/law-packs.md.
/// </summary>
internal sealed class ExpressionParser
{
    private const int MaxLength = 4000;
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly List<Token> _tokens;
    private int _position;
    private int _depth;

    private ExpressionParser(string text)
    {
        _text = text;
        _tokens = Tokenize(text);
    }

    public static Syntax Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new ExpressionException($"the condition is {text.Length} characters long; the limit is {MaxLength}");
        }

        var parser = new ExpressionParser(text);
        var syntax = parser.ParseOr();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Unexpected("'and', 'or' or the end of the condition");
        }

        return syntax;
    }

    private enum TokenKind
    {
        Name,
        Operator,
        LeftParen,
        RightParen,
        LeftBracket,
        RightBracket,
        Comma,
        Minus,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Text, int Column);

    private Token Peek => _tokens[_position];

    private Token Next() => _tokens[_position++];

    private ExpressionException Unexpected(string expected)
    {
        var token = Peek;
        var found = token.Kind == TokenKind.End ? "the end of the condition" : $"'{token.Text}'";
        return new ExpressionException($"expected {expected} at column {token.Column + 1}, found {found} in \"{_text}\"");
    }

    private bool IsKeyword(string keyword) => Peek.Kind == TokenKind.Name && Peek.Text == keyword;

    private Syntax ParseOr()
    {
        var left = ParseAnd();
        while (IsKeyword("or"))
        {
            Next();
            left = new OrSyntax(left, ParseAnd());
        }

        return left;
    }

    private Syntax ParseAnd()
    {
        var left = ParseUnary();
        while (IsKeyword("and"))
        {
            Next();
            left = new AndSyntax(left, ParseUnary());
        }

        return left;
    }

    private Syntax ParseUnary()
    {
        if (++_depth > MaxDepth)
        {
            throw new ExpressionException($"the condition nests deeper than {MaxDepth} levels");
        }

        try
        {
            if (IsKeyword("not"))
            {
                Next();
                return new NotSyntax(ParseUnary());
            }

            if (Peek.Kind == TokenKind.LeftParen)
            {
                Next();
                var inner = ParseOr();
                if (Peek.Kind != TokenKind.RightParen)
                {
                    throw Unexpected("')'");
                }

                Next();
                return inner;
            }

            return ParseComparison();
        }
        finally
        {
            _depth--;
        }
    }

    private static readonly HashSet<string> Keywords = ["and", "or", "not", "in", "has", "any", "none", "at"];

    private CompareSyntax ParseComparison()
    {
        if (Peek.Kind != TokenKind.Name || Keywords.Contains(Peek.Text))
        {
            throw Unexpected("a question or conclusion id");
        }

        var reference = Next().Text;
        if (Peek.Kind == TokenKind.Operator)
        {
            var op = Next().Text switch
            {
                "=" => CompareOperator.Equal,
                "!=" => CompareOperator.NotEqual,
                "<" => CompareOperator.Less,
                "<=" => CompareOperator.LessOrEqual,
                ">" => CompareOperator.Greater,
                _ => CompareOperator.GreaterOrEqual,
            };
            return new CompareSyntax(reference, op, ParseValueOrDate());
        }

        if (IsKeyword("in"))
        {
            Next();
            return new CompareSyntax(reference, CompareOperator.In, ParseList());
        }

        if (IsKeyword("has"))
        {
            Next();
            if (IsKeyword("any"))
            {
                Next();
                return Peek.Kind == TokenKind.LeftBracket
                    ? new CompareSyntax(reference, CompareOperator.HasAnyOf, ParseList())
                    : new CompareSyntax(reference, CompareOperator.HasAny, NoOperand.Instance);
            }

            if (IsKeyword("none"))
            {
                Next();
                return new CompareSyntax(reference, CompareOperator.HasNone, NoOperand.Instance);
            }

            return new CompareSyntax(reference, CompareOperator.Has, ParseName());
        }

        throw Unexpected("=, !=, <, <=, >, >=, 'in' or 'has'");
    }

    private NameOperand ParseName()
    {
        if (Peek.Kind != TokenKind.Name || Keywords.Contains(Peek.Text))
        {
            throw Unexpected("a value");
        }

        return new NameOperand(Next().Text);
    }

    private ListOperand ParseList()
    {
        if (Peek.Kind != TokenKind.LeftBracket)
        {
            throw Unexpected("'[' starting a list of values");
        }

        Next();
        var names = new List<string> { ParseName().Name };
        while (Peek.Kind == TokenKind.Comma)
        {
            Next();
            names.Add(ParseName().Name);
        }

        if (Peek.Kind != TokenKind.RightBracket)
        {
            throw Unexpected("',' or ']'");
        }

        Next();
        return new ListOperand(names);
    }

    private OperandSyntax ParseValueOrDate()
    {
        if (IsKeyword("at"))
        {
            Next();
            if (Peek.Kind != TokenKind.Minus)
            {
                return new DateOperand(null, 0, 0, 0);
            }

            Next();
            if (Peek.Kind != TokenKind.Name || !int.TryParse(Peek.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > 100_000)
            {
                throw Unexpected("a whole number (as in 'at - 12 months')");
            }

            Next();
            var unit = Peek.Kind == TokenKind.Name ? Peek.Text : "";
            var offset = unit switch
            {
                "day" or "days" => new DateOperand(null, 0, 0, amount),
                "month" or "months" => new DateOperand(null, 0, amount, 0),
                "year" or "years" => new DateOperand(null, amount, 0, 0),
                _ => throw Unexpected("days, months or years"),
            };
            Next();
            return offset;
        }

        var name = ParseName().Name;
        if (name.Length == 10 && DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateOperand(date, 0, 0, 0);
        }

        return new NameOperand(name);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            switch (c)
            {
                case '(':
                    tokens.Add(new Token(TokenKind.LeftParen, "(", i++));
                    continue;
                case ')':
                    tokens.Add(new Token(TokenKind.RightParen, ")", i++));
                    continue;
                case '[':
                    tokens.Add(new Token(TokenKind.LeftBracket, "[", i++));
                    continue;
                case ']':
                    tokens.Add(new Token(TokenKind.RightBracket, "]", i++));
                    continue;
                case ',':
                    tokens.Add(new Token(TokenKind.Comma, ",", i++));
                    continue;
                case '=':
                    tokens.Add(new Token(TokenKind.Operator, "=", i++));
                    continue;
                case '!' or '<' or '>':
                    if (i + 1 < text.Length && text[i + 1] == '=')
                    {
                        tokens.Add(new Token(TokenKind.Operator, text.Substring(i, 2), i));
                        i += 2;
                        continue;
                    }

                    if (c == '!')
                    {
                        throw new ExpressionException($"'!' must be followed by '=' (column {i + 1}) in \"{text}\"");
                    }

                    tokens.Add(new Token(TokenKind.Operator, c.ToString(), i++));
                    continue;
                case '-':
                    // Names never start with '-', so a leading '-' is the minus of 'at - 12 months'.
                    tokens.Add(new Token(TokenKind.Minus, "-", i++));
                    continue;
            }

            if (!IsNameChar(c))
            {
                throw new ExpressionException($"unexpected character '{c}' at column {i + 1} in \"{text}\"");
            }

            while (i < text.Length && IsNameChar(text[i]))
            {
                i++;
            }

            tokens.Add(new Token(TokenKind.Name, text[start..i], start));
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length));
        return tokens;
    }
}
