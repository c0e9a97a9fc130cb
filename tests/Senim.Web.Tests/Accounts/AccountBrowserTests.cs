using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Accounts;

/// <summary>The account pages in Debian's Chromium: a sign-in journey with JavaScript off, and axe on every page.</summary>
public class AccountBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_owner_signs_in_with_javascript_off_and_reaches_home_and_the_organisation()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            Locale = "ru-RU",
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Войти" }).First.ClickAsync();
        await page.GetByLabel("Электронная почта").FillAsync("owner@demo.senim.kz");
        await page.GetByLabel("Пароль").FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Assertions.Expect(page.Locator("#problem")).ToContainTextAsync("Неверная электронная почта или пароль");

        await page.GetByLabel("Пароль").FillAsync(AccountTestKit.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Войти" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Моя страница");
        await Assertions.Expect(page.Locator("#organisations")).ToContainTextAsync("Demo Bank JSC");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "home-owner-ru.png"), FullPage = true });

        await page.Locator("#organisations h3 a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#members-table")).ToContainTextAsync("editor@demo.senim.kz");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "organisation-ru.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Выйти" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alert.ok")).ToContainTextAsync("Вы вышли из системы.");
    }

    [Theory]
    [InlineData("/account/sign-in", null)]
    [InlineData("/account/sign-up", null)]
    [InlineData("/home", "owner@demo.senim.kz")]
    [InlineData("/home", "supervisor@demo.senim.kz")]
    [InlineData("/home", "expert1@demo.senim.kz")]
    [InlineData("/account", "owner@demo.senim.kz")]
    [InlineData("/account/tokens", "owner@demo.senim.kz")]
    [InlineData("/account/two-factor", "retail@demo.senim.kz")]
    [InlineData("/organisations", "owner@demo.senim.kz")]
    [InlineData("/admin/users", "admin@demo.senim.kz")]
    public async Task Account_pages_have_no_serious_accessibility_violations(string path, string? user)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ" });
        var page = await context.NewPageAsync();
        if (user is not null)
        {
            await page.GotoAsync(browser.BaseUrl + "/account/sign-in");
            await page.Locator("#f-email").FillAsync(user);
            await page.Locator("#f-password").FillAsync(AccountTestKit.DemoPassword);
            await page.Locator("main button[type=submit]").ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/home");
        }

        await page.GotoAsync(browser.BaseUrl + path);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        if (path == "/account/sign-up")
        {
            // The refused form, with its errors, must pass too.
            await page.Locator("main button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#problem")).ToBeVisibleAsync();
            result = await page.RunAxe();
            serious = [.. result.Violations.Where(v => v.Impact is "serious" or "critical")];
            Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
        }
    }
}
