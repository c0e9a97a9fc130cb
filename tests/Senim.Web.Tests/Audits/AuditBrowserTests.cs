using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;

namespace Senim.Web.Tests.Audits;

/// <summary>
/// Incidents and trusted lists in Debian's Chromium with JavaScript off, checked with axe and screenshotted: the owner reports
/// an incident on a system the EU pack puts in its high-risk class and sees the Art. 73 clock; the supervisor enters a system
/// with a passed audit on its sector's trusted list; the public page shows it.
/// </summary>
public sealed class AuditBrowserTests(ReviewBrowserFixture browser) : IClassFixture<ReviewBrowserFixture>
{
    /// <summary>
    /// axe runs as a script: the page the journey reached without JavaScript is checked again in a context with scripts on and
    /// the same cookies (the same person signed in).
    /// </summary>
    private async Task AccessibleAsync(IBrowserContext noScript, IPage page)
    {
        await using var scripted = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        await scripted.AddCookiesAsync((await noScript.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Expires = c.Expires, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var copy = await scripted.NewPageAsync();
        await copy.GotoAsync(page.Url);
        await ReviewBrowserTests.AssertAccessibleAsync(copy);
    }

    private static BrowserNewContextOptions NoScript => new() { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } };

    [Fact]
    public async Task The_owner_reports_an_incident_and_sees_the_EU_clock_and_the_supervisor_enters_a_system_on_the_trusted_list()
    {
        var euSystem = await Demo.RunAsync(browser.Factory, sp => sp.GetRequiredService<RegistryDb>().Classifications
            .Where(c => c.IsCurrent && c.EuTier == "high" && sp.GetRequiredService<RegistryDb>().Systems.Any(s => s.Id == c.SystemId && s.Organisation!.Name == "Demo Bank JSC"))
            .Select(c => c.SystemId).FirstAsync());

        // The owner reports a death-related incident (10 days from awareness) in English, without JavaScript.
        await using (var context = await browser.Browser.NewContextAsync(NoScript))
        {
            var page = await ReviewBrowserTests.SignedInAsync(context, browser.BaseUrl, Demo.BankOwner, "en");
            await page.GotoAsync(browser.BaseUrl + "/incidents");
            await page.Locator("#system").SelectOptionAsync(euSystem.ToString());
            await page.GetByLabel("Death of a person").CheckAsync();
            await page.GetByLabel("Description of the incident").FillAsync("A triage recommendation delayed care for a patient.");
            await page.GetByLabel("Harm", new() { Exact = true }).FillAsync("A patient died.");
            await page.GetByLabel("Measures taken").FillAsync("The model was withdrawn from the ward.");
            var now = browser.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(5);
            await page.Locator("#occurred").FillAsync(now.AddHours(-3).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await page.Locator("#aware").FillAsync(now.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            await page.GetByLabel("Use of the system was suspended (Art. 18(2))").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
            await Assertions.Expect(page.Locator("#eu-clock")).ToContainTextAsync("10 days");
            await Assertions.Expect(page.Locator("#eu-clock")).ToContainTextAsync("days left");
            await Assertions.Expect(page.Locator("#kz-clock")).ToContainTextAsync("no reporting period");
            await AccessibleAsync(context, page);
            await ReviewBrowserTests.ShotAsync(page, "incident-eu-clock-en");
        }

        // The supervisor sees it in the list, then enters a system with a passed audit on the trusted list, in Russian.
        var (systemId, auditId) = await TrustedJourney.PassedAuditAsync(browser.Factory);
        await using (var context = await browser.Browser.NewContextAsync(NoScript))
        {
            var page = await ReviewBrowserTests.SignedInAsync(context, browser.BaseUrl, Demo.Supervisor, "ru");
            await page.GotoAsync(browser.BaseUrl + "/incidents");
            await Assertions.Expect(page.Locator("#incidents tbody tr")).Not.ToHaveCountAsync(0);
            await ReviewBrowserTests.ShotAsync(page, "incidents-supervisor-ru");
            await page.GotoAsync($"{browser.BaseUrl}/audits/{auditId}");
            await Assertions.Expect(page.Locator("#audit-status")).ToHaveTextAsync("Пройден");
            await page.Locator("#enter-trusted button").ClickAsync();
            await Assertions.Expect(page.Locator("#on-trusted-list")).ToBeVisibleAsync();
            await AccessibleAsync(context, page);
            await ReviewBrowserTests.ShotAsync(page, "audit-passed-trusted-ru");
        }

        // The public page, in Kazakh, shows it.
        var number = (await Demo.ReloadAsync(browser.Factory, systemId)).RegisterNumber!;
        await using (var context = await browser.Browser.NewContextAsync(NoScript))
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(browser.BaseUrl + "/lang/kk");
            await page.GotoAsync(browser.BaseUrl + "/trusted");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Сенімді жүйелер тізбелері");
            await Assertions.Expect(page.Locator(".trusted-list tbody")).ToContainTextAsync(number);
            await AccessibleAsync(context, page);
            await ReviewBrowserTests.ShotAsync(page, "trusted-lists-kk");
        }
    }
}
