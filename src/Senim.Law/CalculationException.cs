namespace Senim.Law;

/// <summary>
/// A deadline or fine cannot be computed from the data given: a calendar year or a unit value is
/// missing, an id or category is unknown. <see cref="Code"/> is stable, for mapping to an API error.
/// </summary>
public sealed class CalculationException : Exception
{
    /// <summary>Creates the exception with its code and an English message that says what to do.</summary>
    public CalculationException(string code, string message)
        : base(message) => Code = code;

    /// <summary>Required by convention.</summary>
    public CalculationException()
        : this("calculation", "The value cannot be computed.")
    {
    }

    /// <summary>Required by convention.</summary>
    public CalculationException(string message)
        : this("calculation", message)
    {
    }

    /// <summary>Required by convention.</summary>
    public CalculationException(string message, Exception inner)
        : base(message, inner) => Code = "calculation";

    /// <summary>
    /// calendar-year-missing, deadline-unknown, fine-table-unknown, fine-category-unknown,
    /// fine-unit-value-missing, fine-unit-value-invalid or fine-currency-unknown.
    /// </summary>
    public string Code { get; }
}
