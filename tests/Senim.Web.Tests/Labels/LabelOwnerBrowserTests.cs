using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Labels;

/// <summary>The owner's side in Chromium: the system page's "Content labels" section and the certificates page, JavaScript off, axe, screenshots.</summary>
public sealed class LabelOwnerBrowserTests(ReviewBrowserFixture browser) : IClassFixture<ReviewBrowserFixture>
{
    [Theory]
    [InlineData("kk")]
    [InlineData("en")]
    public async Task The_owner_gets_a_managed_certificate_from_the_system_page(string lang)
    {
        Guid id;
        using (var scope = browser.Factory.Services.CreateScope())
        {
            id = await scope.ServiceProvider.GetRequiredService<RegistryDb>().Systems.Where(s => s.NameEn == "Claim drafting assistant").Select(s => s.Id).FirstAsync(TestContext.Current.CancellationToken);
        }

        foreach (var scripts in new[] { false, true })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = scripts, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"{browser.BaseUrl}/lang/{lang}");
            Assert.Equal(204, (await context.APIRequest.GetAsync($"{browser.BaseUrl}/test-sign-in?email=owner%40demo.senim.kz")).Status);

            await page.GotoAsync($"{browser.BaseUrl}/systems/{id}");
            var section = page.Locator("section.content-labels");
            await Assertions.Expect(section.Locator("img[src^='/badge/']")).ToBeVisibleAsync();
            await section.Locator($"a[href='/systems/{id}/labels']").ClickAsync();
            await page.Locator("form[action*='handler=managed'] button").ClickAsync();
            await Assertions.Expect(page.Locator("table.label-certificates tbody tr").First).ToBeVisibleAsync();
            if (scripts)
            {
                await AccessibleAsync(page);
                await page.GotoAsync($"{browser.BaseUrl}/systems/{id}");
                await AccessibleAsync(page);
            }
            else
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"label-certificates-{lang}.png"), FullPage = true });
                await page.GotoAsync($"{browser.BaseUrl}/systems/{id}");
                await section.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"system-content-labels-{lang}.png") });
            }
        }
    }

    private static async Task AccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
