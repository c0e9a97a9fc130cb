using System.Text;

namespace Senim.Web.Features.Statistics;

/// <summary>The public statistics as data: every chart as JSON, and each chart as CSV. No sign-in.</summary>
public static class StatisticsApi
{
    public sealed record StatisticsDoc(string Format, DateTime At, IReadOnlyList<ChartDoc> Charts);

    /// <param name="Dimension">What the codes are: month (yyyy-mm), tier, sector, route, kind, outcome, deadline.</param>
    public sealed record ChartDoc(string Id, string Dimension, long Total, IReadOnlyList<BarDoc> Bars);

    public sealed record BarDoc(string Code, long Count);

    public const string Format = "senim.statistics/1";

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/statistics", Json).WithTags("Statistics").RequireRateLimiting(SenimApp.PublicRateLimit).CacheOutput(SenimApp.PublicCache)
            .Describe("GetStatistics", "The public statistics: registrations over time, by tier, sector and route; citizens' requests over time, by kind, outcome and deadline kept. Counted as changes happen (ADR 0025).");
        app.MapGet("/statistics/{chart}.csv", Csv).WithTags("Statistics").RequireRateLimiting(SenimApp.PublicRateLimit).CacheOutput(SenimApp.PublicCache)
            .Describe("GetStatisticsCsv", "One chart of the public statistics as CSV (RFC 4180, UTF-8): code, label in the reader's language, count.", 404);
        return app;
    }

    private static async Task<Ok<StatisticsDoc>> Json(HttpContext context, StatisticsReport report, TimeProvider time)
    {
        var charts = await report.BuildAsync(context.RequestAborted);
        return TypedResults.Ok(new StatisticsDoc(Format, time.GetUtcNow().UtcDateTime,
            [.. charts.Select(c => new ChartDoc(c.Id, c.Dimension, c.Total, [.. c.Bars.Select(b => new BarDoc(b.Code, b.Count))]))]));
    }

    private static async Task<IResult> Csv(HttpContext context, StatisticsReport report, PageText text, string chart)
    {
        if (!StatisticsReport.ChartIds.Contains(chart))
        {
            throw new NotFoundException("statistics chart", chart);
        }

        var found = (await report.BuildAsync(context.RequestAborted)).Single(c => c.Id == chart);
        var csv = new StringBuilder("code,label,count\r\n");
        foreach (var bar in found.Bars)
        {
            csv.Append(RegisterFormats.Csv(bar.Code)).Append(',').Append(RegisterFormats.Csv(IndexModel.Label(text, found.Dimension, bar.Code))).Append(',')
                .Append(bar.Count.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return TypedResults.File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", chart + ".csv");
    }
}
