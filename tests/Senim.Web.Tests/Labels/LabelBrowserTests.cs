using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Registry.Services;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Labels;

/// <summary>The verification page in Chromium with JavaScript off, in each language, checked with axe and screenshotted.</summary>
public sealed class LabelBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Theory]
    [InlineData("kk", "kk-KZ")]
    [InlineData("ru", "ru-RU")]
    [InlineData("en", "en-GB")]
    public async Task A_reader_checks_a_labelled_and_a_tampered_picture_without_javascript(string lang, string locale)
    {
        var signed = await SignedAsync();
        var tampered = (byte[])signed.Clone();
        tampered[^20] ^= 0xFF;
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/verify");
        Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verify-form-{lang}.png"), FullPage = true });

        await UploadAsync(page, signed);
        await Assertions.Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "trusted");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verify-trusted-{lang}.png"), FullPage = true });
        await UploadAsync(page, tampered);
        await Assertions.Expect(page.Locator("#verdict")).ToHaveAttributeAsync("data-verdict", "tampered");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verify-tampered-{lang}.png"), FullPage = true });

        await AxeAsync(locale, null, $"verify form ({lang})");
        await AxeAsync(locale, signed, $"trusted verdict ({lang})");
        await AxeAsync(locale, tampered, $"tampered verdict ({lang})");
    }

    [Fact]
    public async Task The_page_reads_well_on_a_phone()
    {
        var signed = await SignedAsync();
        // Scripts on, only to measure the layout; the page itself uses none.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ", ViewportSize = new ViewportSize { Width = 375, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/verify");
        await UploadAsync(page, signed);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "verify-trusted-phone-kk.png"), FullPage = true });
        var wide = await page.EvaluateAsync<string[]>("[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)");
        Assert.True(width <= 375, $"the page scrolls sideways ({width}px): {string.Join(", ", wide)}");
    }

    private static async Task UploadAsync(IPage page, byte[] file)
    {
        await page.Locator("#file").SetInputFilesAsync(new FilePayload { Name = "picture.png", MimeType = "image/png", Buffer = file });
        await page.Locator("form.verify-form button[type=submit]").ClickAsync();
    }

    private async Task<byte[]> SignedAsync()
    {
        using var scope = browser.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<RegistryDb>();
        var system = await db.Systems.Include(s => s.Organisation).FirstAsync(s => s.NameEn == "Hospital power load balancer");
        var ownerId = await db.Users.Where(u => u.Email == "hospital@demo.senim.kz").Select(u => u.Id).FirstAsync();
        var actor = await sp.GetRequiredService<ActorService>().ForUserAsync(ownerId);
        using var output = new MemoryStream();
        await sp.GetRequiredService<LabelService>().SignAsync(actor, system.RegisterNumber!, new MemoryStream(TestImages.Png(480, 320)), output, new LabelSignOptions(true, null, "picture.png"));
        return output.ToArray();
    }

    /// <summary>axe needs scripts: the same upload in a context that runs them.</summary>
    private async Task AxeAsync(string locale, byte[]? upload, string what)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/verify");
        if (upload is not null)
        {
            await UploadAsync(page, upload);
            await page.Locator("#verdict").WaitForAsync();
        }

        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ":\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
