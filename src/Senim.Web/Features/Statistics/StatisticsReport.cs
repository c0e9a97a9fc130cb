namespace Senim.Web.Features.Statistics;

/// <summary>One bar: a code (a month, a tier, a request kind...) and its count.</summary>
public sealed record StatBar(string Code, long Count);

/// <summary>One chart of the statistics page, language-free: the page and the CSV give the codes their words.</summary>
/// <param name="Dimension">What the codes are: month, tier, sector, route, kind, outcome, deadline.</param>
public sealed record StatChart(string Id, string Dimension, IReadOnlyList<StatBar> Bars)
{
    public long Max => Bars.Count == 0 ? 0 : Bars.Max(b => b.Count);

    public long Total => Bars.Sum(b => b.Count);
}

/// <summary>
/// The public statistics (issue 12 item 9) as charts: registrations over time, by tier, sector and route; citizens'
/// requests over time, by kind and outcome, and how their deadlines were kept. Read from the pre-counted days
/// (<see cref="StatisticsService"/>), never from the facts.
/// </summary>
public sealed class StatisticsReport(StatisticsService statistics, TimeProvider time)
{
    /// <summary>Months shown on the charts over time.</summary>
    public const int Months = 24;

    /// <summary>Every chart's id, in page order.</summary>
    public static IReadOnlyList<string> ChartIds { get; } =
        ["listings-by-month", "listings-by-tier", "listings-by-sector", "listings-by-route", "requests-by-month", "requests-by-kind", "requests-deadlines", "requests-by-outcome"];

    public async Task<IReadOnlyList<StatChart>> BuildAsync(CancellationToken cancellationToken)
    {
        var today = StatMeasures.Day(time.GetUtcNow().UtcDateTime);
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var totals = await statistics.TotalsAsync(
            [StatMeasures.Listings, StatMeasures.Requests, StatMeasures.RequestsAnswered, StatMeasures.RequestsEscalated, StatMeasures.RequestsClosed], cancellationToken);
        var (listings, requests, answered, escalated, closed) = (totals[StatMeasures.Listings], totals[StatMeasures.Requests],
            totals[StatMeasures.RequestsAnswered], totals[StatMeasures.RequestsEscalated], totals[StatMeasures.RequestsClosed]);
        return
        [
            new("listings-by-month", "month", ByMonth(await statistics.MonthlyAsync(StatMeasures.Listings, first, cancellationToken), first)),
            new("listings-by-tier", "tier", ByKey(listings, "tier")),
            new("listings-by-sector", "sector", ByKey(listings, "sector")),
            new("listings-by-route", "route", ByKey(listings, "route")),
            new("requests-by-month", "month", ByMonth(await statistics.MonthlyAsync(StatMeasures.Requests, first, cancellationToken), first)),
            new("requests-by-kind", "kind", ByKey(requests, "kind")),
            new("requests-deadlines", "deadline",
            [
                new("on-time", Count(answered, "on-time:yes")),
                new("late", Count(answered, "on-time:no")),
                new("escalated", Count(escalated, "")),
            ]),
            new("requests-by-outcome", "outcome", ByKey(closed, "outcome")),
        ];
    }

    // Every month of the window, empty ones too, so the time axis has no gaps.
    private static List<StatBar> ByMonth(IReadOnlyList<StatMonth> months, DateOnly first) =>
        [.. Enumerable.Range(0, Months).Select(i => first.AddMonths(i)).Select(m =>
            new StatBar(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), months.Where(x => x.Year == m.Year && x.Month == m.Month).Sum(x => x.Count)))];

    private static List<StatBar> ByKey(IReadOnlyList<StatTotal> totals, string dimension) =>
        [.. totals.Where(t => t.Key.StartsWith(dimension + ":", StringComparison.Ordinal))
            .Select(t => new StatBar(t.Key[(dimension.Length + 1)..], t.Count))
            .OrderByDescending(b => b.Count).ThenBy(b => b.Code, StringComparer.Ordinal)];

    private static long Count(IReadOnlyList<StatTotal> totals, string key) => totals.FirstOrDefault(t => t.Key == key)?.Count ?? 0;
}
