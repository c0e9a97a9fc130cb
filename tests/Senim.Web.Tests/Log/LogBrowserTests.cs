using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Log;

/// <summary>/log in Chromium: a citizen searches the public events with JavaScript off, in each language; on a phone nothing scrolls sideways; axe finds nothing serious.</summary>
public sealed class LogBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("kk", "kk-KZ")]
    [InlineData("ru", "ru-RU")]
    [InlineData("en", "en-GB")]
    public async Task A_citizen_searches_the_public_events_without_javascript(string lang, string locale)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/log");
        Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await page.Locator("li.log-event").CountAsync() > 0);

        await page.Locator("#q").FillAsync("City Hospital");
        await page.Locator("#kind").SelectOptionAsync("registration");
        await page.Locator("section.log-events form button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/log?**");
        var items = page.Locator("li.log-event");
        Assert.True(await items.CountAsync() > 0, "the hospital's registrations are found");
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            Assert.Contains("City Hospital", await items.Nth(i).InnerTextAsync(), StringComparison.Ordinal);
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"log-events-search-{lang}.png"), FullPage = true });

        // From an event to its entry in the log: the receipt verifies.
        await items.First.Locator("a[href^='/log/verify']").ClickAsync();
        await Assertions.Expect(page.Locator("#verdict")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("ok"));
        await AxeAsync(browser.BaseUrl + "/log?q=city+hospital&kind=registration", locale, $"log events ({lang})");
    }

    [Theory]
    [InlineData("kk-KZ")]
    [InlineData("ru-RU")]
    [InlineData("en-GB")]
    public async Task The_log_reads_on_a_phone_without_sideways_scrolling(string locale)
    {
        // Scripts on, only to measure the layout; the page itself uses none.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/log?kind=suspension");
        Assert.True(await page.Locator("li.log-event").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"log-phone-{locale}.png"), FullPage = true });
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)");
        Assert.True(width <= 390, $"the page scrolls sideways ({width}px): {string.Join(", ", wide)}");
    }

    /// <summary>axe-core needs scripts, so the page the reader saw without them is checked again in a context that runs them.</summary>
    private async Task AxeAsync(string url, string locale, string what)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        var serious = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ":\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
