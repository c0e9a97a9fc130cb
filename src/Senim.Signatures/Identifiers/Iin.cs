using System.Diagnostics.CodeAnalysis;

namespace Senim.Signatures.Identifiers;

/// <summary>
/// The individual identification number (ИИН / ЖСН) of a person: 12 digits whose last is the state check
/// digit. A value of this type always passed the check; <c>default</c> is the only exception and prints empty.
/// </summary>
public readonly record struct Iin
{
    private Iin(string value) => Value = value;

    /// <summary>The 12 digits.</summary>
    public string Value { get; }

    /// <summary>Reads an IIN typed by a person (surrounding spaces ignored).</summary>
    /// <exception cref="IdentificationNumberException">The text is not a valid IIN; the message says why.</exception>
    public static Iin Parse(string? text) => IdentificationNumber.Parse(text, "IIN", digits => new Iin(digits));

    /// <summary>Reads an IIN, or gives the problem and an English message naming it.</summary>
    public static bool TryParse(string? text, out Iin value, out IdentificationNumberProblem problem, [NotNullWhen(false)] out string? message) =>
        IdentificationNumber.TryParse(text, "IIN", digits => new Iin(digits), out value, out problem, out message);

    /// <summary>Reads an IIN, or returns false.</summary>
    public static bool TryParse(string? text, out Iin value) => TryParse(text, out value, out _, out _);

    public override string ToString() => Value ?? string.Empty;
}
