using Senim.Registry.Enforcement;

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

    /// <summary>
    /// An owner reported an incident: keys kind: death|widespread|serious (the EU AI Act Art. 73 kinds), eu: yes|no (the
    /// Art. 73 clock applies), suspended: yes|no (use suspended under Art. 18(2), as first reported).
    /// </summary>
    public const string Incidents = "incidents";

    /// <summary>The owner sent an incident's final report: keys kind:, suspended: (as finally reported).</summary>
    public const string IncidentsFinal = "incidents-final";

    /// <summary>The supervisory body decided an enforcement case: keys kind: fine|warning|no-violation|suspension-order, category: (the offender's, when given).</summary>
    public const string Decisions = "decisions";

    /// <summary>A fine was imposed; the sum is its amount in whole tenge: keys category: individual|small|medium|large, repeat: yes|no.</summary>
    public const string Fines = "fines";

    /// <summary>The same fines, the sum in MCI (monthly calculation indices): key category:.</summary>
    public const string FinesMci = "fines-mci";

    /// <summary>The offender appealed a decision.</summary>
    public const string Appeals = "appeals";

    /// <summary>The supervisory body decided an appeal: key outcome: upheld|annulled|changed.</summary>
    public const string AppealsDecided = "appeals-decided";

    public static IReadOnlyList<string> All { get; } =
        [Listings, Requests, RequestsAnswered, RequestsEscalated, RequestsClosed, Incidents, IncidentsFinal, Decisions, Fines, FinesMci, Appeals, AppealsDecided];

    /// <summary>
    /// The marker row (measure "layout", key "", day <see cref="AllTime"/>) whose count says which layout of the rows the
    /// register holds; a register without it, or with an older one, is counted again from the facts at start.
    /// 2: month keys and the incidents' and enforcement's measures.
    /// </summary>
    public const string Layout = "layout";

    public const int LayoutVersion = 2;

    /// <summary>
    /// The day of the all-time rows: beside each day's row, every count also adds to one row per measure and key that
    /// holds the whole history, so the totals are read from a few dozen rows, not summed over years of days.
    /// </summary>
    public static readonly DateOnly AllTime = new(1, 1, 1);

    /// <summary>"dimension:value".</summary>
    public static string Key(string dimension, string value) => dimension + ":" + value;

    /// <summary>"yes" or "no", the value of a yes/no dimension.</summary>
    public static string YesNo(bool value) => value ? "yes" : "no";

    /// <summary>
    /// The key of a month's all-time row: beside its day's row, every count of a measure's total also adds to the row of
    /// its month ("month:yyyy-MM", day <see cref="AllTime"/>), so the charts over time read one row per month.
    /// </summary>
    public static string MonthKey(DateOnly day) => string.Create(CultureInfo.InvariantCulture, $"month:{day.Year:D4}-{day.Month:D2}");

    /// <summary>An incident's keys: its Art. 73 kind, whether the EU clock applies (left out when null), whether use was suspended.</summary>
    public static string[] IncidentKeys(IncidentKind kind, bool? eu, bool suspended) => eu is { } applies
        ? [Key("kind", CaseCodes.Code(kind)), Key("eu", YesNo(applies)), Key("suspended", YesNo(suspended))]
        : [Key("kind", CaseCodes.Code(kind)), Key("suspended", YesNo(suspended))];

    /// <summary>A decision's keys: its kind and, when given, the offender's category.</summary>
    public static string[] DecisionKeys(EnforcementDecisionKind kind, string? category) => category is { Length: > 0 }
        ? [Key("kind", kind.Code()), Key("category", category)]
        : [Key("kind", kind.Code())];

    /// <summary>A fine's keys: the offender's category and, unless null, whether it is a repeat.</summary>
    public static string[] FineKeys(string? category, bool? repeat) => repeat is { } again
        ? [Key("category", category ?? "none"), Key("repeat", YesNo(again))]
        : [Key("category", category ?? "none")];

    /// <summary>An amount as the whole number a sum holds (fines are whole MCI and whole tenge).</summary>
    public static long Whole(decimal? amount) => (long)decimal.Round(amount ?? 0, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The rows one count adds to (each with count 1 and <paramref name="sum"/>): the total and each key on the day and all
    /// time, and the total on its month. The live count and the rebuild both take them from here.
    /// </summary>
    public static IEnumerable<StatDay> Rows(string measure, DateOnly day, long sum, IReadOnlyList<string> keys)
    {
        yield return new StatDay { Measure = measure, Key = MonthKey(day), Day = AllTime, Count = 1, Sum = sum };
        foreach (var key in keys.Prepend(""))
        {
            yield return new StatDay { Measure = measure, Key = key, Day = day, Count = 1, Sum = sum };
            yield return new StatDay { Measure = measure, Key = key, Day = AllTime, Count = 1, Sum = sum };
        }
    }

    /// <summary>Kazakhstan's day of an instant (UTC+5, no daylight saving: ADR 0024).</summary>
    public static DateOnly Day(DateTime utc) => DateOnly.FromDateTime(utc.AddHours(5));
}
