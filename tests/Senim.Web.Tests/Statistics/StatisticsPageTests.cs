using System.Globalization;
using System.Net;
using System.Text.Json;
using Senim.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Senim.Web.Tests.Support;
using static Senim.Web.Tests.Accounts.AccountTestKit;

namespace Senim.Web.Tests.Statistics;

/// <summary>The public statistics: charts drawn on the server in three languages without scripts, their tables, CSV and JSON agree.</summary>
public sealed class StatisticsPageTests(SenimFactory factory) : IClassFixture<SenimFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("kk", "Статистика", "Тәуекел деңгейі бойынша")]
    [InlineData("ru", "Статистика", "По степени риска")]
    [InlineData("en", "Statistics", "By risk tier")]
    public async Task The_page_draws_every_chart_with_its_table_without_scripts(string lang, string title, string tierTitle)
    {
        var page = await Browser.Get(RegisterChecks.Anonymous(factory, lang), "/statistics");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        Assert.Equal(title, page.Document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(8, page.Document.QuerySelectorAll("section.stat-chart").Length);
        var tier = page.Document.QuerySelector("#listings-by-tier")!;
        Assert.Equal(tierTitle, tier.QuerySelector("h2")!.TextContent.Trim());

        // The demo register's listed systems, by tier: the chart's bars and the table say the same numbers.
        var svg = tier.QuerySelector("svg[role=img]")!;
        Assert.NotNull(svg.QuerySelector("desc"));
        var drawn = svg.QuerySelectorAll("text.bar-value").Select(t => long.Parse(t.TextContent, CultureInfo.InvariantCulture)).ToList();
        var table = tier.QuerySelectorAll("table tbody td").Select(t => long.Parse(t.TextContent, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(drawn);
        Assert.Equal(drawn, table);
        var listed = await Db(factory, db => db.Systems.CountAsync(s => s.Listed));
        Assert.Equal(listed, table.Sum());
        Assert.NotNull(tier.QuerySelector("a[href='/statistics/listings-by-tier.csv']"));
    }

    [Fact]
    public async Task The_csv_and_the_json_give_the_same_counts_and_an_unknown_chart_is_404()
    {
        var client = RegisterChecks.Anonymous(factory, "ru");
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/statistics", UriKind.Relative), Ct));
        Assert.Equal("senim.statistics/1", json.RootElement.GetProperty("format").GetString());
        var tiers = json.RootElement.GetProperty("charts").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "listings-by-tier");
        var fromJson = tiers.GetProperty("bars").EnumerateArray().ToDictionary(b => b.GetProperty("code").GetString()!, b => b.GetProperty("count").GetInt64());

        var csv = await client.GetAsync(new Uri("/statistics/listings-by-tier.csv", UriKind.Relative), Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("code,label,count", lines[0]);
        var fromCsv = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => long.Parse(f[^1], CultureInfo.InvariantCulture));
        Assert.Equal(fromJson, fromCsv);
        Assert.Contains(lines, l => l.StartsWith("high,", StringComparison.Ordinal) && l.Contains("высок", StringComparison.OrdinalIgnoreCase));

        var unknown = await client.GetAsync(new Uri("/statistics/fines.csv", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
    }
}
