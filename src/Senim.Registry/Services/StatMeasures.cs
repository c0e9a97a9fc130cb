namespace Senim.Registry.Services;

/// <summary>
/// What the public statistics count (ADR 0025, <see cref="StatDay"/>). Each measure has a total (key "") and keys
/// "dimension:value"; the day is Kazakhstan's.
/// </summary>
public static class StatMeasures
{
    /// <summary>A system entered the public register (published by notification, or registered): keys tier:, sector:, route:.</summary>
    public const string Listings = "listings";

    /// <summary>A citizen filed a request: key kind:.</summary>
    public const string Requests = "requests";

    /// <summary>The owner answered a request: key on-time: yes|no (before or after its due instant).</summary>
    public const string RequestsAnswered = "requests-answered";

    /// <summary>A request went to the supervisory body (deadline passed, or no owner in Senim).</summary>
    public const string RequestsEscalated = "requests-escalated";

    /// <summary>A request was closed: key outcome: upheld|changed|reversed|none.</summary>
    public const string RequestsClosed = "requests-closed";

    public static IReadOnlyList<string> All { get; } = [Listings, Requests, RequestsAnswered, RequestsEscalated, RequestsClosed];

    /// <summary>
    /// The day of the all-time rows: beside each day's row, every count also adds to one row per measure and key that
    /// holds the whole history, so the totals are read from a few dozen rows, not summed over years of days.
    /// </summary>
    public static readonly DateOnly AllTime = new(1, 1, 1);

    /// <summary>"dimension:value".</summary>
    public static string Key(string dimension, string value) => dimension + ":" + value;

    /// <summary>Kazakhstan's day of an instant (UTC+5, no daylight saving: ADR 0024).</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(5));
}
