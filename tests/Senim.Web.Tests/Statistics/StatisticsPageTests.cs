using System.Globalization;
using System.Net;
using System.Text.Json;
using Senim.Web.Tests.Register;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Enforcement;
using Senim.Registry.Incidents;
using Senim.Registry.Model;
using Senim.Registry.Services;
using Senim.Tests.Shared;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using Senim.Web.Tests.Systems;
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
        Assert.Equal(14, page.Document.QuerySelectorAll("section.stat-chart").Length);
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

    [Theory]
    [MemberData(nameof(TestDatabase.Kinds), MemberType = typeof(TestDatabase))]
    public async Task Incidents_and_fines_show_on_the_page_the_csv_the_json_and_the_supervisors_dashboard(DatabaseKind kind)
    {
        // A host of its own: the page's output cache must not hold a page from before the incident and the fine.
        await using var host = kind == DatabaseKind.Postgres ? new SystemsPostgresFactory() : new SystemsFactory();
        await host.InitializeAsync();
        var owner = await Demo.ActorAsync(host, Demo.BankOwner);
        var supervisor = await Demo.ActorAsync(host, Demo.Supervisor);
        var fine = await Demo.RunAsync(host, async sp =>
        {
            var db = sp.GetRequiredService<Senim.Registry.Data.RegistryDb>();
            var listed = await db.Systems.AsNoTracking().Where(s => s.Listed).Select(s => new { s.Id, s.OrganisationId }).ToListAsync(Ct);
            var system = listed.First(s => owner.CanEdit(s.OrganisationId));
            var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await sp.GetRequiredService<IncidentService>().ReportAsync(owner, new IncidentInput(system.Id, IncidentKind.Serious, "Wrong refusals.", "Credit refused.",
                12, null, "Rolled back.", true, now.AddHours(-3), now.AddHours(-2)), Ct);
            var enforcement = sp.GetRequiredService<EnforcementService>();
            var opened = await enforcement.OpenAsync(supervisor, new OpenCaseInput(EnforcementOrigin.Monitoring, null, system.OrganisationId, system.Id, "Unlabelled images"), Ct);
            return await enforcement.DecideAsync(supervisor, opened.Id,
                new EnforcementDecisionInput(EnforcementDecisionKind.Fine, "Images without the AI label.", "large", DateOnly.FromDateTime(now.AddDays(-3))), opened.Version, cancellationToken: Ct);
        });
        var (tenge, mci) = ((long)fine.FineAmount!.Value, (long)fine.FineUnits!.Value);
        string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture).Replace(",", " ", StringComparison.Ordinal);

        // The page: each chart's table says it, the fines' table with its sums and total; no script, no name.
        var page = await Browser.Get(RegisterChecks.Anonymous(host, "en"), "/statistics");
        Assert.Empty(page.Document.QuerySelectorAll("script"));
        List<string> Row(string chart, string label) => [.. page.Document.QuerySelectorAll($"#{chart} table tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == label).QuerySelectorAll("td").Select(td => td.TextContent.Trim())];
        Assert.Equal(["1"], Row("incidents-reports", "Reported"));
        Assert.Equal(["1"], Row("incidents-reports", "Use suspended"));
        Assert.Equal(["1"], Row("incidents-by-kind", "Other serious incident"));
        Assert.Equal("1", page.Document.QuerySelectorAll("#incidents-by-month table tbody td")[^1].TextContent.Trim());
        Assert.Equal(["1"], Row("decisions-by-kind", "Fine (CoAO Art. 641-1)"));
        Assert.Equal(["1", Number(tenge), Number(mci)], Row("fines-by-category", "Large business"));
        Assert.Equal(["1", Number(tenge), Number(mci)], page.Document.QuerySelectorAll("#fines-by-category table tfoot td").Select(td => td.TextContent.Trim()));
        Assert.Contains(Number(tenge), page.Document.QuerySelector("#fines-by-category .stat-sum")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("#appeals p.empty"));
        Assert.DoesNotContain("Demo Bank", page.Document.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);

        // The CSV of the fines has the sums; the JSON too, and only the fines' bars carry them.
        var client = RegisterChecks.Anonymous(host, "ru");
        var lines = (await client.GetStringAsync(new Uri("/statistics/fines-by-category.csv", UriKind.Relative), Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["code,label,count,tenge,mci", $"large,Крупное предпринимательство,1,{tenge},{mci}"], lines);
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/statistics", UriKind.Relative), Ct));
        var charts = json.RootElement.GetProperty("charts").EnumerateArray().ToDictionary(c => c.GetProperty("id").GetString()!);
        var bar = Assert.Single(charts["fines-by-category"].GetProperty("bars").EnumerateArray());
        Assert.Equal(("large", 1, tenge, mci), (bar.GetProperty("code").GetString(), bar.GetProperty("count").GetInt64(), bar.GetProperty("tenge").GetInt64(), bar.GetProperty("mci").GetInt64()));
        Assert.False(charts["decisions-by-kind"].GetProperty("bars")[0].TryGetProperty("tenge", out _));
        Assert.Equal(1, charts["incidents-reports"].GetProperty("total").GetInt64());

        // The supervisor's dashboard gives the figures; an owner's request for it is refused and shows none.
        var dashboard = await Browser.Get(await host.BrowserAsync(Demo.Supervisor), "/supervision");
        string Figure(Page p, string code) => p.Document.QuerySelector($"[data-figure='{code}'] .count")!.TextContent.Trim();
        Assert.Equal(("1", "1", "1", Number(tenge), Number(mci)), (Figure(dashboard, "incidents"), Figure(dashboard, "incidents-use-suspended"), Figure(dashboard, "fines"), Figure(dashboard, "fines-tenge"), Figure(dashboard, "fines-mci")));
        var refused = await Browser.Get(await host.BrowserAsync(Demo.BankOwner), "/supervision");
        Assert.Empty(refused.Document.QuerySelectorAll("[data-figure]"));

        // The counts kept as the steps were saved are what a rebuild from the stored incidents and cases gives.
        async Task<List<(string, string, DateOnly, long, long)>> Rows() => await Db(host, db => db.StatDays.AsNoTracking()
            .Where(s => s.Measure != StatMeasures.Layout).OrderBy(s => s.Measure).ThenBy(s => s.Key).ThenBy(s => s.Day)
            .Select(s => new ValueTuple<string, string, DateOnly, long, long>(s.Measure, s.Key, s.Day, s.Count, s.Sum)).ToListAsync(Ct));
        var live = await Rows();
        await Demo.RunAsync(host, sp => sp.GetRequiredService<StatisticsService>().RebuildAsync(Ct));
        Assert.Equal(live, await Rows());
    }
}
