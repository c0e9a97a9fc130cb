using System.Net;
using System.Text.RegularExpressions;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Texts;

/// <summary>
/// Links are generated from the pages' and endpoints' routes (asp-page, named routes, RedirectToPage, LinkGenerator),
/// so a page that moves cannot leave a dead link behind; and every link the pages show leads somewhere.
/// </summary>
public sealed partial class LinkTests(ReviewFactory factory) : IClassFixture<ReviewFactory>
{
    /// <summary>Addresses a view may write literally, each with why.</summary>
    private static readonly Dictionary<string, string> Literal = new(StringComparer.Ordinal)
    {
        ["/css/"] = "a static file under wwwroot, not a route",
        ["/favicon.svg"] = "a static file under wwwroot, not a route",
        ["/openapi/"] = "the OpenAPI document MapOpenApi serves; its address is part of the documented API",
        ["/health"] = "the health probe's documented address, shown as itself in the footer",
        ["/log/checkpoint"] = "a tlog-tiles path fixed by the C2SP specification that log clients build by hand",
        ["/log/key"] = "the log's public key next to the checkpoint, at the address the docs give",
    };

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void No_view_or_page_writes_a_local_address_by_hand()
    {
        var found = SourceScan.Web().SelectMany(f => HardCoded(f.Path, f.Text)).ToList();
        Assert.True(found.Count == 0, "hard-coded links (use asp-page, asp-route, RedirectToPage or LinkGenerator):\n" + string.Join("\n", found));
    }

    [Theory]
    [InlineData("""<a href="/systems/@s.Id">""")]
    [InlineData("""<form method="post" action="/verify">""")]
    [InlineData("""<img src="/badge/@(number).svg">""")]
    [InlineData("""return Redirect($"/systems/{id}");""")]
    [InlineData("""return Redirect("/account");""")]
    [InlineData("""return TypedResults.Created($"/api/v1/systems/{id}", body);""")]
    [InlineData("""return Results.Redirect("/register/" + found);""")]
    public void The_link_scan_finds_a_hard_coded_address(string line)
    {
        Assert.Single(HardCoded("sample.cshtml", line));
    }

    [Theory]
    [InlineData("""<a asp-page="/Systems/Show" asp-route-id="@s.Id">""")]
    [InlineData("""<link rel="stylesheet" href="/css/site.css">""")]
    [InlineData("""<a href="#main">""")]
    [InlineData("""<a href="?from=1&amp;to=2">""")]
    [InlineData("""return RedirectToPage("/Systems/Show", new { id });""")]
    public void The_link_scan_leaves_generated_and_allowed_addresses_alone(string line)
    {
        Assert.Empty(HardCoded("sample.cshtml", line));
    }

    [Fact]
    public async Task Every_link_on_the_pages_of_each_reader_leads_somewhere()
    {
        var proctoring = await Demo.SystemAsync(factory, "Certification exam proctoring");
        var registered = await Demo.SystemAsync(factory, "Hospital power load balancer");
        var readers = new (HttpClient Client, string[] Pages)[]
        {
            (factory.CreateClient(), ["/", "/register", $"/register/{registered.Id}", "/verify", "/classify", "/api", "/log", "/account/sign-in"]),
            (await Demo.BrowserAsync(factory, Demo.BankOwner), ["/home", "/systems", $"/systems/{proctoring.Id}", $"/systems/{proctoring.Id}/history", $"/systems/{proctoring.Id}/documents", "/organisations", "/account", "/notifications"]),
            (await Demo.BrowserAsync(factory, Demo.Supervisor), ["/supervision", $"/supervision/{proctoring.Id}", $"/supervision/{registered.Id}"]),
            (await Demo.BrowserAsync(factory, Demo.Expert1), ["/review", $"/review/{proctoring.Id}"]),
        };

        var checkedLinks = 0;
        var dead = new List<string>();
        foreach (var (client, pages) in readers)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var path in pages)
            {
                var page = await Browser.Get(client, path);
                Assert.Equal(HttpStatusCode.OK, page.Status);
                foreach (var href in page.Document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
                {
                    // Local links only; the language switch changes the reader's language for the rest of the walk.
                    if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal) || href.StartsWith("/lang/", StringComparison.Ordinal) || !seen.Add(href))
                    {
                        continue;
                    }

                    using var response = await client.GetAsync(new Uri(href, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Cancel);
                    checkedLinks++;
                    if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed || (int)response.StatusCode >= 500)
                    {
                        dead.Add($"{path} → {href}: {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(checkedLinks > 60, $"only {checkedLinks} links were followed");
        Assert.True(dead.Count == 0, "links that lead nowhere:\n" + string.Join("\n", dead));
    }

    internal static IEnumerable<SourceHit> HardCoded(string path, string text) =>
        SourceScan.Find(path, text, LiteralAddress()).Concat(SourceScan.Find(path, text, LiteralRedirect()))
            .Where(hit => !Literal.Keys.Any(allowed => hit.Text.Contains(allowed, StringComparison.Ordinal)));

    // href="/...", action="/...", src="/...", formaction="/..."
    [GeneratedRegex(@"(?<hit>\b(?:href|action|src|formaction)=""/[^""]*"")")]
    private static partial Regex LiteralAddress();

    // Redirect("/..."), Redirect($"/..."), Created($"/..."), Results.Redirect("/...")
    [GeneratedRegex(@"(?<hit>\b(?:Redirect|RedirectPermanent|LocalRedirect|Created|Accepted)\(\s*\$?""/[^""]*"")")]
    private static partial Regex LiteralRedirect();
}
