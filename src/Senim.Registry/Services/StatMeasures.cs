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

    /// <summary>"dimension:value".</summary>
    public static string Key(string dimension, string value) => dimension + ":" + value;

    /// <summary>Kazakhstan's day of an instant (UTC+5, no daylight saving: ADR 0024).</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(5));
}
