namespace Senim.Law.Packs;

/// <summary>The kinds of problem a pack can have; each is documented in docs/law-packs.md.</summary>
public enum PackErrorKind
{
    /// <summary>The file is not well-formed YAML.</summary>
    Syntax,

    /// <summary>A key the schema does not know (often a typo).</summary>
    UnknownKey,

    /// <summary>A required key is absent.</summary>
    MissingField,

    /// <summary>A value of the wrong shape (a list where a text was expected, a bad date, ...).</summary>
    InvalidValue,

    /// <summary>Two items share an id.</summary>
    DuplicateId,

    /// <summary>A reference to an id that does not exist.</summary>
    DanglingReference,

    /// <summary>A text lacks its Kazakh, Russian or English version.</summary>
    MissingTranslation,

    /// <summary>An item that must cite an article cites none.</summary>
    MissingArticle,

    /// <summary>A condition that does not parse or does not fit the types it compares.</summary>
    Expression,

    /// <summary>Rules depend on each other in a circle.</summary>
    Cycle,
}

/// <summary>One problem found while loading a pack, pointing at file, line and item id.</summary>
public sealed record PackError(PackErrorKind Kind, string File, int Line, string? Id, string Message)
{
    /// <summary>The kebab-case name used in messages and docs (unknown-key, dangling-reference, ...).</summary>
    public string KindName => Kind switch
    {
        PackErrorKind.Syntax => "syntax",
        PackErrorKind.UnknownKey => "unknown-key",
        PackErrorKind.MissingField => "missing-field",
        PackErrorKind.InvalidValue => "invalid-value",
        PackErrorKind.DuplicateId => "duplicate-id",
        PackErrorKind.DanglingReference => "dangling-reference",
        PackErrorKind.MissingTranslation => "missing-translation",
        PackErrorKind.MissingArticle => "missing-article",
        PackErrorKind.Expression => "expression",
        _ => "cycle",
    };

    /// <inheritdoc />
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}" : File;
        return Id is null ? $"{where}: {KindName}: {Message}" : $"{where}: {KindName}: [{Id}] {Message}";
    }
}

/// <summary>Thrown when packs do not load; carries every problem found, not just the first.</summary>
public sealed class PackLoadException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public PackLoadException(IReadOnlyList<PackError> errors)
        : base(Describe(errors)) => Errors = errors;

    /// <summary>Creates an exception with a single message.</summary>
    public PackLoadException(string message)
        : base(message) => Errors = [];

    /// <summary>Creates an exception with a single message and its cause.</summary>
    public PackLoadException(string message, Exception inner)
        : base(message, inner) => Errors = [];

    /// <summary>Required by convention; carries no errors.</summary>
    public PackLoadException()
        : base("The law packs could not be loaded.") => Errors = [];

    /// <summary>Every problem found, in file and line order.</summary>
    public IReadOnlyList<PackError> Errors { get; }

    private static string Describe(IReadOnlyList<PackError> errors) =>
        errors.Count == 1
            ? "The law pack has an error: " + errors[0]
            : $"The law packs have {errors.Count} errors:" + Environment.NewLine +
              string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
