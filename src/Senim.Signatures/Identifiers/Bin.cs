using System.Diagnostics.CodeAnalysis;

namespace Senim.Signatures.Identifiers;

/// <summary>
/// The business identification number (БИН / БСН) of an organisation: 12 digits whose last is the state check
/// digit. A value of this type always passed the check; <c>default</c> is the only exception and prints empty.
/// </summary>
public readonly record struct Bin
{
    private Bin(string value) => Value = value;

    /// <summary>The 12 digits.</summary>
    public string Value { get; }

    /// <summary>Reads a BIN typed by a person (surrounding spaces ignored).</summary>
    /// <exception cref="IdentificationNumberException">The text is not a valid BIN; the message says why.</exception>
    public static Bin Parse(string? text) => IdentificationNumber.Parse(text, "BIN", digits => new Bin(digits));

    /// <summary>Reads a BIN, or gives the problem and an English message naming it.</summary>
    public static bool TryParse(string? text, out Bin value, out IdentificationNumberProblem problem, [NotNullWhen(false)] out string? message) =>
        IdentificationNumber.TryParse(text, "BIN", digits => new Bin(digits), out value, out problem, out message);

    /// <summary>Reads a BIN, or returns false.</summary>
    public static bool TryParse(string? text, out Bin value) => TryParse(text, out value, out _, out _);

    public override string ToString() => Value ?? string.Empty;
}
