namespace Senim.Law.Expressions;

/// <summary>A parsed condition, before its names are bound to a pack's questions and conclusions.</summary>
internal abstract record Syntax;

internal sealed record AndSyntax(Syntax Left, Syntax Right) : Syntax;

internal sealed record OrSyntax(Syntax Left, Syntax Right) : Syntax;

internal sealed record NotSyntax(Syntax Inner) : Syntax;

internal enum CompareOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    In,
    Has,
    HasAny,
    HasNone,
    HasAnyOf,
}

/// <summary>The right-hand side of a comparison.</summary>
internal abstract record OperandSyntax;

internal sealed record NoOperand : OperandSyntax
{
    public static NoOperand Instance { get; } = new();
}

internal sealed record NameOperand(string Name) : OperandSyntax;

internal sealed record ListOperand(IReadOnlyList<string> Names) : OperandSyntax;

/// <summary>A date: a literal, or the classification date minus an optional offset.</summary>
internal sealed record DateOperand(DateOnly? Literal, int Years, int Months, int Days) : OperandSyntax
{
    public DateOnly Resolve(DateOnly at) =>
        Literal ?? at.AddYears(-Years).AddMonths(-Months).AddDays(-Days);
}

internal sealed record CompareSyntax(string Reference, CompareOperator Operator, OperandSyntax Operand) : Syntax;
