namespace Senim.Registry.Enforcement;

/// <summary>How the register computes enforcement fines (docs/enforcement.md, "Settings"); validated at start.</summary>
public sealed class EnforcementSettings
{
    /// <summary>
    /// The monthly calculation index (MCI) in tenge per year. A configured year wins over the law pack's value (2026: 4 325);
    /// a year in neither is an operator error (<c>fine-unit-value-missing</c>): add the year here.
    /// </summary>
    public Dictionary<int, decimal> MciByYear { get; init; } = [];

    /// <summary>Throws when a value makes no sense, so a host fails at start rather than at the first decision.</summary>
    public void Validate()
    {
        foreach (var (year, value) in MciByYear)
        {
            if (year is < 2000 or > 2100 || value <= 0 || value > 1_000_000)
            {
                throw new InvalidOperationException($"Enforcement: the MCI of {year} must be a positive amount of tenge (at most 1 000 000) for a year between 2000 and 2100; got {value.ToString(CultureInfo.InvariantCulture)}.");
            }
        }
    }
}

/// <summary>The longest texts an enforcement case accepts.</summary>
public static class EnforcementLimits
{
    public const int Subject = 500;
    public const int Text = Workflow.TextLimits.Reason;
}
