namespace Senim.Web.Features.Statistics;

/// <summary>One bar: a code (a month, a tier, a request kind...) and its count; a fine's bar also its sums in tenge and MCI.</summary>
public sealed record StatBar(string Code, long Count, long? Tenge = null, long? Mci = null);

/// <summary>One number of the supervisor's dashboard (a count, or a sum in tenge or MCI) and the chart of the public page that details it.</summary>
public sealed record StatFigure(string Code, long Value, string Chart);

/// <summary>One chart of the statistics page, language-free: the page and the CSV give the codes their words.</summary>
/// <param name="Dimension">What the codes are: month, tier, sector, route, kind, outcome, deadline, incident-kind, incident, decision, category, appeal.</param>
/// <param name="Nested">The bars are parts of the first (incidents reported, and how many of them...): the total is the first bar, not the sum.</param>
public sealed record StatChart(string Id, string Dimension, IReadOnlyList<StatBar> Bars, bool Nested = false)
{
    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Count);

    public long Total => Nested ? Max : Bars.Sum(b => b.Count);

    /// <summary>Whether the bars carry sums in tenge and MCI (the fines).</summary>
    public bool HasSums => Bars.Any(b => b.Tenge is not null);
}

/// <summary>
/// The public statistics (issue 12 item 9) as charts: registrations over time, by tier, sector and route; citizens'
/// requests over time, by kind and outcome, and how their deadlines were kept; incidents over time, by kind, and how many
/// came under the EU clock, suspended use or reached their final report; enforcement decisions by kind, fines by the
/// offender's category with their sums, appeals and their outcomes. Read from the pre-counted all-time rows
/// (<see cref="StatisticsService"/>) in one query, never from the facts.
/// </summary>
public sealed class StatisticsReport(StatisticsService statistics, TimeProvider time)
{
    /// <summary>Months shown on the charts over time.</summary>
    public const int Months = 24;

    /// <summary>Every chart's id, in page order.</summary>
    public static IReadOnlyList<string> ChartIds { get; } =
    [
        "listings-by-month", "listings-by-tier", "listings-by-sector", "listings-by-route",
        "requests-by-month", "requests-by-kind", "requests-deadlines", "requests-by-outcome",
        "incidents-by-month", "incidents-by-kind", "incidents-reports",
        "decisions-by-kind", "fines-by-category", "appeals",
    ];

    /// <summary>The bars of the incidents' chart of reports, in order.</summary>
    public static IReadOnlyList<string> IncidentBars { get; } = ["reported", "eu-clock", "use-suspended", "final-report"];

    /// <summary>The bars of the appeals' chart, in order.</summary>
    public static IReadOnlyList<string> AppealBars { get; } = ["appealed", "upheld", "annulled", "changed"];

    public async Task<IReadOnlyList<StatChart>> BuildAsync(CancellationToken cancellationToken)
    {
        var today = StatMeasures.Day(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var totals = await statistics.TotalsAsync(StatMeasures.All, cancellationToken);
        var (listings, requests, answered, escalated, closed) = (totals[StatMeasures.Listings], totals[StatMeasures.Requests],
            totals[StatMeasures.RequestsAnswered], totals[StatMeasures.RequestsEscalated], totals[StatMeasures.RequestsClosed]);
        var (incidents, final, decisions, fines, mci) = (totals[StatMeasures.Incidents], totals[StatMeasures.IncidentsFinal], totals[StatMeasures.Decisions],
            totals[StatMeasures.Fines], totals[StatMeasures.FinesMci]);
        var appealsDecided = totals[StatMeasures.AppealsDecided];
        return
        [
            new("listings-by-month", "month", ByMonth(listings, first)),
            new("listings-by-tier", "tier", ByKey(listings, "tier")),
            new("listings-by-sector", "sector", ByKey(listings, "sector")),
            new("listings-by-route", "route", ByKey(listings, "route")),
            new("requests-by-month", "month", ByMonth(requests, first)),
            new("requests-by-kind", "kind", ByKey(requests, "kind")),
            new("requests-deadlines", "deadline",
            [
                new("on-time", Count(answered, "on-time:yes")),
                new("late", Count(answered, "on-time:no")),
                new("escalated", Count(escalated, "")),
            ]),
            new("requests-by-outcome", "outcome", ByKey(closed, "outcome")),
            new("incidents-by-month", "month", ByMonth(incidents, first)),
            new("incidents-by-kind", "incident-kind", ByKey(incidents, "kind")),
            new("incidents-reports", "incident",
            [
                new("reported", Count(incidents, "")),
                new("eu-clock", Count(incidents, "eu:yes")),
                new("use-suspended", Count(incidents, "suspended:yes")),
                new("final-report", Count(final, "")),
            ], Nested: true),
            new("decisions-by-kind", "decision", ByKey(decisions, "kind")),
            new("fines-by-category", "category", [.. ByKey(fines, "category").Select(b => b with
            {
                Tenge = Sum(fines, "category:" + b.Code),
                Mci = Sum(mci, "category:" + b.Code),
            })]),
            new("appeals", "appeal",
            [
                new("appealed", Count(totals[StatMeasures.Appeals], "")),
                new("upheld", Count(appealsDecided, "outcome:upheld")),
                new("annulled", Count(appealsDecided, "outcome:annulled")),
                new("changed", Count(appealsDecided, "outcome:changed")),
            ], Nested: true),
        ];
    }

    /// <summary>The figures of the supervisor's dashboard (statistics.figure.CODE), from the same all-time rows.</summary>
    public static IReadOnlyList<string> FigureCodes { get; } =
        ["requests", "requests-escalated", "incidents", "incidents-eu-clock", "incidents-use-suspended", "incidents-final-report", "decisions", "fines", "fines-tenge", "fines-mci", "appeals"];

    /// <summary>The supervisor's figures: requests, incidents, decisions, fines with their sums, appeals; counts only.</summary>
    public async Task<IReadOnlyList<StatFigure>> FiguresAsync(CancellationToken cancellationToken)
    {
        var totals = await statistics.TotalsAsync(
            [StatMeasures.Requests, StatMeasures.RequestsEscalated, StatMeasures.Incidents, StatMeasures.IncidentsFinal, StatMeasures.Decisions, StatMeasures.Fines, StatMeasures.FinesMci, StatMeasures.Appeals],
            cancellationToken);
        return
        [
            new("requests", Count(totals[StatMeasures.Requests], ""), "requests-by-kind"),
            new("requests-escalated", Count(totals[StatMeasures.RequestsEscalated], ""), "requests-deadlines"),
            new("incidents", Count(totals[StatMeasures.Incidents], ""), "incidents-reports"),
            new("incidents-eu-clock", Count(totals[StatMeasures.Incidents], "eu:yes"), "incidents-reports"),
            new("incidents-use-suspended", Count(totals[StatMeasures.Incidents], "suspended:yes"), "incidents-reports"),
            new("incidents-final-report", Count(totals[StatMeasures.IncidentsFinal], ""), "incidents-reports"),
            new("decisions", Count(totals[StatMeasures.Decisions], ""), "decisions-by-kind"),
            new("fines", Count(totals[StatMeasures.Fines], ""), "fines-by-category"),
            new("fines-tenge", Sum(totals[StatMeasures.Fines], ""), "fines-by-category"),
            new("fines-mci", Sum(totals[StatMeasures.FinesMci], ""), "fines-by-category"),
            new("appeals", Count(totals[StatMeasures.Appeals], ""), "appeals"),
        ];
    }

    // Every month of the window, empty ones too, so the time axis has no gaps.
    private static List<StatBar> ByMonth(IReadOnlyList<StatTotal> totals, DateOnly first)
    {
        var months = StatisticsService.Months(totals, first);
        var bars = new List<StatBar>(Months);
        for (var i = 0; i < Months; i++)
        {
            var month = first.AddMonths(i);
            var found = months.FirstOrDefault(m => m.Year == month.Year && m.Month == month.Month);
            bars.Add(new StatBar(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), found?.Count ?? 0));
        }

        return bars;
    }

    private static List<StatBar> ByKey(IReadOnlyList<StatTotal> totals, string dimension) =>
        [.. totals.Where(t => t.Key.StartsWith(dimension + ":", StringComparison.Ordinal))
            .Select(t => new StatBar(t.Key[(dimension.Length + 1)..], t.Count))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Code, StringComparer.Ordinal)];

    private static long Count(IReadOnlyList<StatTotal> totals, string key) => totals.FirstOrDefault(t => t.Key == key)?.Count ?? 0;

    private static long Sum(IReadOnlyList<StatTotal> totals, string key) => totals.FirstOrDefault(t => t.Key == key)?.Sum ?? 0;
}
