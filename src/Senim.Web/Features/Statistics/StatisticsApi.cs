using System.Text;
using System.Text.Json.Serialization;

namespace Senim.Web.Features.Statistics;

/// <summary>The public statistics as data: every chart as JSON, and each chart as CSV. No sign-in.</summary>
public static class StatisticsApi
{
    public sealed record StatisticsDoc(string Format, DateTime At, IReadOnlyList<ChartDoc> Charts);

    /// <param name="Dimension">What the codes are: month (yyyy-mm), tier, sector, route, kind, outcome, deadline, incident-kind
    /// (death, widespread, serious: the EU AI Act Art. 73 kinds), incident, decision, category (the offender's), appeal.</param>
    /// <param name="Total">The bars' sum; for a chart whose bars are parts of the first (incident, appeal), the first bar.</param>
    public sealed record ChartDoc(string Id, string Dimension, long Total, IReadOnlyList<BarDoc> Bars);

    /// <param name="Tenge">A fine chart's bar: the fines' sum in whole tenge (absent on other charts).</param>
    /// <param name="Mci">A fine chart's bar: the fines' sum in MCI (absent on other charts).</param>
    public sealed record BarDoc(
        string Code,
        long Count,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Tenge = null,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? Mci = null);

    public const string Format = "senim.statistics/1";

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/statistics", Json).WithTags("Statistics").RequireRateLimiting(SenimApp.PublicRateLimit).CacheOutput(SenimApp.PublicCache)
            .Describe("GetStatistics", "The public statistics: registrations over time, by tier, sector and route; citizens' requests over time, by kind, outcome and deadline kept; incidents over time, by kind, under the EU clock, with use suspended, with a final report; enforcement decisions by kind; fines by offender category with their sums in tenge and MCI; appeals and their outcomes. Counts only, no names. Counted as changes happen (ADR 0025).");
        app.MapGet("/statistics/{chart}.csv", Csv).WithTags("Statistics").RequireRateLimiting(SenimApp.PublicRateLimit).CacheOutput(SenimApp.PublicCache)
            .Describe("GetStatisticsCsv", "One chart of the public statistics as CSV (RFC 4180, UTF-8): code, label in the reader's language, count (and for fines-by-category: tenge, mci).", 404);
        return app;
    }

    private static async Task<Ok<StatisticsDoc>> Json(HttpContext context, StatisticsReport report, TimeProvider time)
    {
        var charts = await report.BuildAsync(context.RequestAborted);
        return TypedResults.Ok(new StatisticsDoc(Format, time.GetUtcNow().UtcDateTime,
            [.. charts.Select(c => new ChartDoc(c.Id, c.Dimension, c.Total, [.. c.Bars.Select(b => new BarDoc(b.Code, b.Count, b.Tenge, b.Mci))]))]));
    }

    private static async Task<IResult> Csv(HttpContext context, StatisticsReport report, PageText text, string chart)
    {
        if (!StatisticsReport.ChartIds.Contains(chart))
        {
            throw new NotFoundException("statistics chart", chart);
        }

        var found = (await report.BuildAsync(context.RequestAborted)).Single(c => c.Id == chart);
        var csv = new StringBuilder(found.HasSums ? "code,label,count,tenge,mci\r\n" : "code,label,count\r\n");
        foreach (var bar in found.Bars)
        {
            csv.Append(RegisterFormats.Csv(bar.Code)).Append(',').Append(RegisterFormats.Csv(IndexModel.Label(text, found.Dimension, bar.Code))).Append(',')
                .Append(bar.Count.ToString(CultureInfo.InvariantCulture));
            if (found.HasSums)
            {
                csv.Append(',').Append((bar.Tenge ?? 0).ToString(CultureInfo.InvariantCulture)).Append(',').Append((bar.Mci ?? 0).ToString(CultureInfo.InvariantCulture));
            }

            csv.Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", chart + ".csv");
    }
}
