using Senim.Law.Engine;

namespace Senim.Law.Systems;

/// <summary>An AI system as its owner describes it: a few facts and the answers to pack questions.</summary>
public sealed record SystemDescription(
    string Name,
    string? Description,
    string? Organisation,
    string? Sector,
    AnswerSet Answers);

/// <summary>One problem in a system description or request, naming the field and what was expected.</summary>
/// <param name="Path">The field, e.g. <c>answers.kz.risk.emergency</c>.</param>
/// <param name="Line">The 1-based line in the file, or 0 when unknown.</param>
public sealed record InputError(string Path, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Path} (line {Line}): {Message}" : $"{Path}: {Message}";
}

/// <summary>Thrown when input does not fit the documented schema; carries every problem found.</summary>
public sealed class InvalidInputException : Exception
{
    /// <summary>The most problems an exception lists; past it one last entry says how many more there were.</summary>
    public const int MaxReported = 50;

    /// <summary>Creates the exception from the problems found (at most <see cref="MaxReported"/> of them are kept).</summary>
    public InvalidInputException(IReadOnlyList<InputError> errors)
        : this(Capped(errors))
    {
    }

    private InvalidInputException(InputError[] errors)
        : base(errors.Length == 1 ? errors[0].ToString() : $"{errors.Length} problems: " + string.Join("; ", (IEnumerable<InputError>)errors)) => Errors = errors;

    /// <summary>Creates the exception from one problem.</summary>
    public InvalidInputException(string path, string message)
        : this([new InputError(path, 0, message)])
    {
    }

    /// <summary>Required by convention.</summary>
    public InvalidInputException()
        : this([new InputError("$", 0, "invalid input")])
    {
    }

    /// <summary>Required by convention.</summary>
    public InvalidInputException(string message, Exception inner)
        : base(message, inner) => Errors = [new InputError("$", 0, message)];

    /// <summary>Every problem found, up to <see cref="MaxReported"/>, then one saying how many more there were.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    // A request can carry thousands of wrong keys: listing each one costs the server and helps nobody.
    private static InputError[] Capped(IReadOnlyList<InputError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count <= MaxReported
            ? [.. errors]
            : [.. errors.Take(MaxReported), new InputError("$", 0, $"{errors.Count - MaxReported} more problems are not listed (the first {MaxReported} are); fix these and send it again")];
    }
}
