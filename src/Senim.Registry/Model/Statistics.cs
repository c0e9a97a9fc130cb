namespace Senim.Registry.Model;

/// <summary>
/// One day's count of one measure (registrations, citizens' requests, ...) under one key (the total is the empty key;
/// "tier:high", "kind:objection", ...): the public statistics read these few rows instead of counting the facts
/// (ADR 0025). Kept by <see cref="Services.RegisterWriter"/> in the transaction of the change it counts; a rebuild
/// recomputes them from the facts.
/// </summary>
public sealed class StatDay
{
    /// <summary>One of <see cref="Services.StatMeasures"/>.</summary>
    public string Measure { get; set; } = "";

    /// <summary>"" for the measure's total, or "dimension:value".</summary>
    public string Key { get; set; } = "";

    /// <summary>The day in Kazakhstan (UTC+5) the counted changes happened.</summary>
    public DateOnly Day { get; set; }

    public long Count { get; set; }

    /// <summary>A sum beside the count where the measure has one (a fine's amount in tenge); 0 otherwise.</summary>
    public long Sum { get; set; }
}
