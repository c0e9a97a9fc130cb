using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Register;

/// <summary>The public register in Chromium with JavaScript off: searched in each language, checked with axe, screenshotted.</summary>
public sealed class RegisterBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("kk", "kk-KZ", "арыздарын")]
    [InlineData("ru", "ru-RU", "исковых")]
    [InlineData("en", "en-GB", "drafting")]
    public async Task A_reader_searches_opens_an_entry_and_reads_why_in_each_language(string lang, string locale, string word)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/register");
        Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
        await AxeAsync(page.Url, locale, $"register list ({lang})");

        await page.Locator("#q").FillAsync(word);
        await page.Locator("form.search button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".register-item")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"register-search-{lang}.png"), FullPage = true });
        await AxeAsync(page.Url, locale, $"search results ({lang})");

        await page.Locator(".register-item .register-name a").ClickAsync();
        await Assertions.Expect(page.Locator("#register-number")).ToContainTextAsync("KZ-AI-");
        var why = page.Locator(".pack-result[data-pack='kz-230'] [data-id='kz.risk_tier'] details");
        await why.Locator("summary").ClickAsync();
        await Assertions.Expect(why.Locator(".trace")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"register-entry-{lang}.png"), FullPage = true });
        await AxeAsync(page.Url, locale, $"entry ({lang})");
    }

    [Fact]
    public async Task Bad_filters_are_explained_on_an_accessible_page()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(browser.BaseUrl + "/register?page=0&sort=random&q=" + new string('я', 250));
        Assert.Equal(400, response!.Status);
        await Assertions.Expect(page.Locator("[role=alert]")).ToContainTextAsync("sort");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "register-errors-ru.png"), FullPage = true });
        await AxeAsync(page.Url, "ru-RU", "search errors");
    }

    [Fact]
    public async Task A_suspended_entry_says_so_first()
    {
        var id = await StatusIdAsync(Registry.Model.SystemStatus.Suspended);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ", JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + $"/register/{id}");
        await Assertions.Expect(page.Locator(".alert.warn").First).ToContainTextAsync("Тоқтатыла тұрды");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "register-suspended-kk.png"), FullPage = true });
        await AxeAsync(page.Url, "kk-KZ", "suspended entry");
    }

    private async Task<Guid> StatusIdAsync(Registry.Model.SystemStatus status)
    {
        using var scope = browser.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDb>().Systems.Where(s => s.Status == status).Select(s => s.Id).FirstAsync();
    }

    /// <summary>axe-core needs scripts, so each page the reader saw without them is checked again in a context that runs them.</summary>
    private async Task AxeAsync(string url, string locale, string what)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ":\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
