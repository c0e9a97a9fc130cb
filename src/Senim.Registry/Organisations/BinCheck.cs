using Senim.Signatures.Identifiers;

namespace Senim.Registry.Organisations;

/// <summary>
/// The BIN check on entry, for every way an organisation is created or edited (form, API, demo data): 12 digits
/// whose last is the state check digit (<see cref="Bin"/>, docs/signatures.md). A wrong BIN becomes a field error
/// whose code names the problem, so the page says in the reader's language what is wrong with it.
/// </summary>
public static class BinCheck
{
    /// <summary>The error codes, one per problem (error.CODE in the web host's texts).</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Enum.GetValues<IdentificationNumberProblem>().Select(Code)];

    /// <summary>The error code of a problem.</summary>
    public static string Code(IdentificationNumberProblem problem) => problem switch
    {
        IdentificationNumberProblem.Empty => "bin-empty",
        IdentificationNumberProblem.WrongLength => "bin-wrong-length",
        IdentificationNumberProblem.NotDigits => "bin-not-digits",
        IdentificationNumberProblem.CheckDigitMismatch => "bin-check-digit",
        IdentificationNumberProblem.CheckDigitUndefined => "bin-check-digit-undefined",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    /// <summary>Adds the field error of <paramref name="text"/> when it is not a valid BIN; returns the BIN when it is.</summary>
    public static Bin? Check(FieldErrors errors, string field, string? text)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Bin.TryParse(text, out var bin, out var problem, out var message))
        {
            return bin;
        }

        // The English message names the particulars (the position of a stray character, the digit the rule gives);
        // the texts in every language name the problem and repeat what was typed ({1}).
        errors.Add(field, Code(problem), "{0}", message, Shorten(text?.Trim() ?? ""));
        return null;
    }

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";
}
