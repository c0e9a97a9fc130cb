using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Citizens;
using Senim.Registry.Data;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Citizens;

/// <summary>
/// A clock that runs with the machine's and can be moved ahead: Kestrel and the browser keep real time while the
/// register's deadlines see the future (a frozen fake clock stalls a real server's timers).
/// </summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _shift;

    public void MoveTo(DateTimeOffset at) => Interlocked.Exchange(ref _shift, (at - base.GetUtcNow()).Ticks);

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _shift));
}

/// <summary>The citizens' host on a real port with a clock the test moves ahead.</summary>
public sealed class CitizenBrowserFactory : CitizenFactory
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>The citizens' journeys in Debian's Chromium.</summary>
public sealed class CitizenBrowserFixture : BrowserFixture
{
    public CitizenBrowserFixture()
        : this(new CitizenBrowserFactory())
    {
    }

    private CitizenBrowserFixture(CitizenBrowserFactory factory)
        : base(factory) => Factory = factory;

    public CitizenBrowserFactory Factory { get; }
}

/// <summary>
/// A citizen files two objections in Kazakh on a phone-sized screen (the page's script does the proof of work) and gets
/// tracking codes; the owner's handler answers the first within the deadline and the tracking page shows it; the second
/// is left unanswered, escalates when the clock passes its deadline and the job runs, and the supervisor sees it.
/// Screenshots: artifacts/screenshots/citizen-*.png.
/// </summary>
public sealed class CitizenBrowserTests(CitizenBrowserFixture browser) : IClassFixture<CitizenBrowserFixture>
{
    private static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "citizen-" + name + ".png"), FullPage = true });

    private static async Task AssertAccessibleAsync(IPage page)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    private async Task<IPage> SignedInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/lang/en");
        var response = await context.APIRequest.GetAsync($"{browser.BaseUrl}/test-sign-in?email={Uri.EscapeDataString(email)}");
        Assert.Equal(204, response.Status);
        return page;
    }

    private async Task<string> FileObjectionAsync(IPage page, Guid system, string shot)
    {
        await page.GotoAsync($"{browser.BaseUrl}/register/{system}");
        // The demo system's classification does not say it decides about people, so its page offers the explanation (every
        // system's right) and not the objection: the person follows that link and chooses the objection on the form.
        await page.Locator("#citizen-rights a[href*='kind=explanation-request']").ClickAsync();
        await Assertions.Expect(page.Locator("#kind-explanation-request")).ToBeCheckedAsync();
        await page.Locator("#kind-objection").CheckAsync();
        await page.Locator("#f-name").FillAsync("Айгерім Сапарова");
        await page.Locator("#f-description").FillAsync("Банк несие беруден автоматты түрде бас тартты. Шешімді адам қайта қарасын.");
        await AssertAccessibleAsync(page);
        await page.Locator("#citizen-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#tracking-code")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await ShotAsync(page, shot);
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the page is {width} px wide at 390");
        return (await page.Locator("#tracking-code").InnerTextAsync()).Trim();
    }

    private Task<Guid> RequestIdAsync(string code) => Demo.RunAsync(browser.Factory, async sp =>
    {
        var hash = TrackingCode.HashOf(code);
        return (await sp.GetRequiredService<RegistryDb>().CitizenRequests.SingleAsync(r => r.TrackingHash == hash)).Id;
    });

    [Fact]
    public async Task A_citizen_objects_in_Kazakh_the_handler_answers_and_an_unanswered_objection_escalates_to_the_supervisor()
    {
        await browser.Factory.ReadyAsync();
        var system = await CitizenKit.SystemIdAsync(browser.Factory, CitizenFactory.BankSystem);

        await using var citizen = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var phone = await citizen.NewPageAsync();
        await phone.GotoAsync(browser.BaseUrl + "/lang/kk");
        var answeredCode = await FileObjectionAsync(phone, system, "filed-kk");
        var waitingCode = await FileObjectionAsync(phone, system, "filed-second-kk");
        Assert.NotEqual(answeredCode, waitingCode);

        // The owner's admin makes the handler; the handler answers within the deadline and records the outcome.
        var first = await RequestIdAsync(answeredCode);
        var handlerId = await browser.Factory.UserIdAsync(CitizenFactory.HandlerEmail);
        await using (var ownerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false }))
        {
            var owner = await SignedInAsync(ownerContext, Demo.BankOwner);
            await owner.GotoAsync($"{browser.BaseUrl}/organisations/{await browser.Factory.BankAsync()}/requests");
            await Assertions.Expect(owner.Locator($"tr[data-request='{first}']")).ToBeVisibleAsync();
            await ShotAsync(owner, "inbox");
            await owner.GotoAsync($"{browser.BaseUrl}/requests/{first}");
            await Assertions.Expect(owner.Locator("#personal-withheld")).ToBeVisibleAsync();
            await owner.Locator("#f-handler").SelectOptionAsync(handlerId.ToString());
            await owner.Locator("form[action*='handler=Assign'] button").ClickAsync();
            await Assertions.Expect(owner.Locator("#handler")).ToHaveTextAsync("Bank handler");
        }

        await using (var handlerContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false }))
        {
            var handler = await SignedInAsync(handlerContext, CitizenFactory.HandlerEmail);
            await handler.GotoAsync($"{browser.BaseUrl}/requests/{first}");
            await Assertions.Expect(handler.Locator("#person-name")).ToHaveTextAsync("Айгерім Сапарова");
            await handler.Locator("#f-answer").FillAsync("Шешімді қызметкер қайта қарады: несие мақұлданды.");
            await handler.Locator("form[action*='handler=Answer'] button").ClickAsync();
            await handler.Locator("#outcome-reversed").CheckAsync();
            await handler.Locator("#f-outcome-text").FillAsync("Табыс туралы дерек ескерілмеген.");
            await handler.Locator("form[action*='handler=Outcome'] button").ClickAsync();
            await Assertions.Expect(handler.Locator("#outcome")).ToBeVisibleAsync();
            await ShotAsync(handler, "case-answered");
        }

        await phone.GotoAsync($"{browser.BaseUrl}/track/{answeredCode}");
        await Assertions.Expect(phone.Locator("#answer")).ToHaveTextAsync("Шешімді қызметкер қайта қарады: несие мақұлданды.");
        await Assertions.Expect(phone.Locator("#status")).ToHaveTextAsync("Жауап берілді");
        await ShotAsync(phone, "track-answered-kk");

        // The second objection is left: the clock passes its deadline and the job's run escalates it (its timer: CitizenJobTests).
        var second = await RequestIdAsync(waitingCode);
        var due = await Demo.RunAsync(browser.Factory, async sp => (await sp.GetRequiredService<RegistryDb>().CitizenRequests.SingleAsync(r => r.Id == second)).DueAt);
        browser.Factory.Clock.MoveTo(new DateTimeOffset(due, TimeSpan.Zero).AddMinutes(1));
        var run = await browser.Services.GetRequiredService<Senim.Web.Features.Citizens.CitizenJob>().RunOnceAsync(CitizenKit.Cancel);
        Assert.True(run.Escalated >= 1, "the job escalated nothing");
        Assert.Equal(Senim.Registry.Model.CitizenRequestStatus.Escalated,
            await Demo.RunAsync(browser.Factory, async sp => (await sp.GetRequiredService<RegistryDb>().CitizenRequests.SingleAsync(r => r.Id == second)).Status));

        await phone.GotoAsync($"{browser.BaseUrl}/track/{waitingCode}");
        await Assertions.Expect(phone.Locator("#status")).ToHaveTextAsync("Қадағалау органында");
        await ShotAsync(phone, "track-escalated-kk");

        await using var supervisorContext = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
        var supervisor = await SignedInAsync(supervisorContext, Demo.Supervisor);
        await supervisor.GotoAsync(browser.BaseUrl + "/supervision");
        await supervisor.Locator("#citizen-requests-link").ClickAsync();
        await Assertions.Expect(supervisor.Locator($"tr[data-request='{second}']")).ToBeVisibleAsync();
        Assert.Equal(0, await supervisor.Locator($"tr[data-request='{first}']").CountAsync());
        await ShotAsync(supervisor, "supervision-escalated");
        await supervisor.GotoAsync($"{browser.BaseUrl}/requests/{second}");
        await Assertions.Expect(supervisor.Locator("#person-name")).ToHaveTextAsync("Айгерім Сапарова");
        await ShotAsync(supervisor, "supervision-case");
    }
}
