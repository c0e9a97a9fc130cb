using Senim.Registry.Workflow;

namespace Senim.Registry.Citizens;

/// <summary>How the register treats citizens' requests (docs/citizens.md, "Settings"); validated at start.</summary>
public sealed class CitizenSettings
{
    /// <summary>Days after a request is closed until its personal data is erased, per kind.</summary>
    public Dictionary<CitizenRequestKind, int> RetentionDays { get; init; } = new()
    {
        [CitizenRequestKind.Objection] = 365,
        [CitizenRequestKind.ExplanationRequest] = 365,
        [CitizenRequestKind.DataRequest] = 365,
        [CitizenRequestKind.InteractionRefusal] = 180,
        [CitizenRequestKind.SyntheticContentComplaint] = 180,
    };

    /// <summary>At most this many open requests per e-mail address filed within a day.</summary>
    public int MaxOpenPerEmailPerDay { get; init; } = 5;

    /// <summary>The retention of a kind (a kind left out of <see cref="RetentionDays"/> keeps a year).</summary>
    public int Retention(CitizenRequestKind kind) => RetentionDays.TryGetValue(kind, out var days) ? days : 365;

    /// <summary>Throws when a value makes no sense, so a host fails at start rather than at the first request.</summary>
    public void Validate()
    {
        if (RetentionDays.Values.Any(d => d is < 1 or > 3650))
        {
            throw new InvalidOperationException("Citizens: every retention period must be between 1 and 3650 days.");
        }

        if (MaxOpenPerEmailPerDay is < 1 or > 1000)
        {
            throw new InvalidOperationException("Citizens: MaxOpenPerEmailPerDay must be between 1 and 1000.");
        }
    }
}

/// <summary>The longest texts a citizen's request accepts, by what they are.</summary>
public static class CitizenLimits
{
    public const int Name = 200;
    public const int Phone = 50;
    public const int Description = TextLimits.Reason;
    public const int NamedSystem = 200;
    public const int NamedOrganisation = 300;
    public const int Link = 2000;
    public const int RegisterNumber = 20;
    public const int FileKey = 200;
    public const int VerdictCode = 40;
    public const int Warnings = 500;
    public const int Answer = TextLimits.Reason;
}
