using System.Globalization;

namespace Senim.Signatures.Identifiers;

/// <summary>Why a text is not a valid BIN or IIN; each has its own message and kk/ru/en text.</summary>
public enum IdentificationNumberProblem
{
    /// <summary>Nothing was entered.</summary>
    Empty,

    /// <summary>Not 12 characters long.</summary>
    WrongLength,

    /// <summary>Something other than the digits 0–9.</summary>
    NotDigits,

    /// <summary>The twelfth digit is not the one the check-digit rule gives.</summary>
    CheckDigitMismatch,

    /// <summary>The rule gives 10 in both passes, so no number starts with these eleven digits.</summary>
    CheckDigitUndefined,
}

/// <summary>A BIN or IIN that failed the check on entry; <see cref="Problem"/> says which rule.</summary>
public sealed class IdentificationNumberException(IdentificationNumberProblem problem, string message) : FormatException(message)
{
    /// <summary>The rule the text broke.</summary>
    public IdentificationNumberProblem Problem { get; } = problem;
}

/// <summary>
/// The twelve-digit identification numbers of Kazakhstan: the BIN of an organisation and the IIN of a person
/// share one check-digit rule. The twelfth digit is the weighted sum of the first eleven modulo 11, with the
/// weights 1…11; when that gives 10, the weights 3…11, 1, 2 are tried; when that gives 10 again the number
/// is invalid (docs/signatures.md gives the sources).
/// </summary>
internal static class IdentificationNumber
{
    /// <summary>Parses <paramref name="text"/> as <typeparamref name="T"/>, or throws with the problem named.</summary>
    public static T Parse<T>(string? text, string kind, Func<string, T> create)
    {
        var digits = Check(text, kind, out var problem, out var message);
        return digits is null ? throw new IdentificationNumberException(problem, message) : create(digits);
    }

    /// <summary>Parses <paramref name="text"/> as <typeparamref name="T"/>, or gives the problem and its message.</summary>
    public static bool TryParse<T>(string? text, string kind, Func<string, T> create, out T value, out IdentificationNumberProblem problem, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? message)
        where T : struct
    {
        var digits = Check(text, kind, out problem, out var why);
        value = digits is null ? default : create(digits);
        message = digits is null ? why : null;
        return digits is not null;
    }

    public const int Length = 12;

    private static readonly int[] FirstWeights = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    private static readonly int[] SecondWeights = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

    /// <summary>The check digit for eleven digits, or null when both passes give 10.</summary>
    public static int? CheckDigit(ReadOnlySpan<char> elevenDigits)
    {
        var first = WeightedSum(elevenDigits, FirstWeights) % 11;
        if (first != 10)
        {
            return first;
        }

        var second = WeightedSum(elevenDigits, SecondWeights) % 11;
        return second == 10 ? null : second;
    }

    /// <summary>Checks <paramref name="text"/> (surrounding spaces ignored) and returns its digits, or the problem and a message naming it.</summary>
    public static string? Check(string? text, string kind, out IdentificationNumberProblem problem, out string message)
    {
        var value = text?.Trim() ?? string.Empty;
        problem = default;
        message = string.Empty;
        if (value.Length == 0)
        {
            return Fail(IdentificationNumberProblem.Empty, $"No {kind} was given: enter its 12 digits.", out problem, out message);
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return Fail(IdentificationNumberProblem.NotDigits, $"A {kind} is 12 digits with nothing else; '{Shorten(value)}' has '{value[i]}' at position {i + 1}.", out problem, out message);
            }
        }

        if (value.Length != Length)
        {
            return Fail(IdentificationNumberProblem.WrongLength, $"A {kind} has 12 digits; '{Shorten(value)}' has {value.Length}.", out problem, out message);
        }

        var expected = CheckDigit(value.AsSpan(0, 11));
        if (expected is null)
        {
            return Fail(IdentificationNumberProblem.CheckDigitUndefined, $"No {kind} can begin with {value[..11]}: the check-digit rule gives 10 in both passes, so a digit is mistyped.", out problem, out message);
        }

        if (value[11] - '0' != expected.Value)
        {
            return Fail(IdentificationNumberProblem.CheckDigitMismatch, $"The {kind} {value} fails its check digit: by the rule the last digit would be {expected.Value.ToString(CultureInfo.InvariantCulture)}, not {value[11]}, so a digit is mistyped or two are swapped.", out problem, out message);
        }

        return value;
    }

    private static int WeightedSum(ReadOnlySpan<char> digits, int[] weights)
    {
        var sum = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += (digits[i] - '0') * weights[i];
        }

        return sum;
    }

    private static string? Fail(IdentificationNumberProblem problem, string message, out IdentificationNumberProblem problemOut, out string messageOut)
    {
        problemOut = problem;
        messageOut = message;
        return null;
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
