using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Review;

/// <summary>The review, supervision, law and notification pages in Debian's Chromium: signed in, JavaScript off, checked with axe, screenshotted.</summary>
public sealed class ReviewBrowserFixture : IAsyncLifetime
{
    private readonly ReviewFactory _factory = new();
    private IPlaywright? _playwright;

    public ReviewFactory Factory => _factory;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await _factory.InitializeAsync();
        BaseUrl = _factory.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _factory.DisposeAsync();
    }
}

public class ReviewBrowserTests(ReviewBrowserFixture browser) : IClassFixture<ReviewBrowserFixture>
{
    private Task<IPage> SignedInAsync(IBrowserContext context, string email, string lang) => SignedInAsync(context, browser.BaseUrl, email, lang);

    /// <summary>A page of <paramref name="context"/> in <paramref name="lang"/>, signed in as <paramref name="email"/> (the test sign-in).</summary>
    internal static async Task<IPage> SignedInAsync(IBrowserContext context, string baseUrl, string email, string lang)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"{baseUrl}/lang/{lang}");
        var response = await context.APIRequest.GetAsync($"{baseUrl}/test-sign-in?email={Uri.EscapeDataString(email)}");
        Assert.Equal(204, response.Status);
        return page;
    }

    internal static async Task AssertAccessibleAsync(IPage page)
    {
        // axe is a script: in a context with JavaScript off it never answers, so wait a bounded time and say why.
        var run = page.RunAxe();
        if (await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) != run)
        {
            Assert.Fail($"axe did not answer on {page.Url} within 2 minutes: is JavaScript off in this page's context? Check it in a context with scripts on.");
        }

        var result = await run;
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, page.Url + "\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    internal static Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, name + ".png"), FullPage = true });

    [Fact]
    public async Task An_expert_declares_and_works_through_the_checklist_in_russian_without_javascript()
    {
        var scoring = await Demo.SystemAsync(browser.Factory, "Consumer credit scoring");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await SignedInAsync(context, Demo.Expert1, "ru");
        await page.GotoAsync(browser.BaseUrl + "/review");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Очередь экспертизы");
        await ShotAsync(page, "review-queue-ru");

        await page.GetByRole(AriaRole.Link, new() { Name = "Потребительский кредитный скоринг" }).ClickAsync();
        await page.GetByLabel("Подтверждаю заявление выше").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Подать заявление" }).ClickAsync();
        await Assertions.Expect(page.Locator("main > .alert.ok")).ToContainTextAsync("Заявление принято");

        var first = page.Locator("#checklist-form fieldset.check-item").First;
        await first.GetByLabel("Есть замечание").CheckAsync();
        await first.GetByLabel("Замечание", new() { Exact = true }).FillAsync("Обоснование степени риска сводится к одной строке.");
        await first.GetByRole(AriaRole.Button, new() { Name = "Сохранить этот пункт" }).ClickAsync();
        await Assertions.Expect(page.Locator("main > .alert.ok")).ToContainTextAsync("Сохранено оценок: 1.");
        await Assertions.Expect(page.Locator("#changes-form .issues")).ToContainTextAsync("одной строке");
        await ShotAsync(page, "review-case-ru");
        await page.Locator("#my-review").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "review-case-status-ru.png") });
        await first.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "review-case-item-ru.png") });
        await page.Locator("#changes").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "review-case-changes-ru.png") });
        await page.Locator("#recommendation").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "review-case-recommend-ru.png") });
        Assert.Equal(scoring.Id.ToString(), page.Url.Split('/')[^1].Split('#')[0]);
    }

    [Theory]
    [InlineData("/review", Demo.Expert1, "kk")]
    [InlineData("/supervision", Demo.Supervisor, "kk")]
    [InlineData("/admin/law", Demo.Admin, "ru")]
    [InlineData("/notifications", Demo.Hospital, "kk")]
    public async Task Pages_have_no_serious_accessibility_violations(string path, string user, string lang)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await SignedInAsync(context, user, lang);
        var response = await page.GotoAsync(browser.BaseUrl + path);
        Assert.Equal(200, response!.Status);
        await AssertAccessibleAsync(page);
        await ShotAsync(page, "review" + path.Replace('/', '-') + "-" + lang);
    }

    [Fact]
    public async Task The_supervisors_file_of_a_recommended_system_is_accessible_and_fits_a_phone()
    {
        var proctoring = await Demo.SystemAsync(browser.Factory, "Certification exam proctoring");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        var page = await SignedInAsync(context, Demo.Supervisor, "en");
        await page.GotoAsync($"{browser.BaseUrl}/supervision/{proctoring.Id}");
        await Assertions.Expect(page.Locator("#decide-form")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page);
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the page scrolls sideways on a phone");
        await ShotAsync(page, "supervision-case-phone-en");
        await page.SetViewportSizeAsync(1200, 900);
        await page.Locator("#actions").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "supervision-case-actions-en.png") });
        await page.Locator("#panel").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "supervision-case-panel-en.png") });
    }

    [Fact]
    public async Task An_admin_uploads_a_law_folder_in_the_browser_and_reviews_its_impact()
    {
        await Demo.ClassifiedAsync(browser.Factory, Demo.BankOwner, "credit-scoring", "Browser medium scoring");
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await SignedInAsync(context, Demo.Admin, "en");
        await page.GotoAsync(browser.BaseUrl + "/admin/law");
        await page.GetByLabel("A .zip of the law folder").SetInputFilesAsync(new FilePayload { Name = "law.zip", MimeType = "application/zip", Buffer = AdminLaw.LawZips.Broken() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page.Locator(".pack-errors")).ToBeVisibleAsync();
        await ShotAsync(page, "adminlaw-errors-en");

        await page.GetByLabel("A .zip of the law folder").SetInputFilesAsync(new FilePayload { Name = "law.zip", MimeType = "application/zip", Buffer = AdminLaw.LawZips.HarmIsHighRisk() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and check" }).ClickAsync();
        await Assertions.Expect(page.Locator("#impact-table")).ToContainTextAsync("Browser medium scoring");
        await ShotAsync(page, "adminlaw-staged-en");

        // axe needs JavaScript: check the staged set's page in a second, scripted browser.
        await using (var scripted = await browser.Browser.NewContextAsync())
        {
            var check = await SignedInAsync(scripted, Demo.Admin, "kk");
            await check.GotoAsync(page.Url);
            await AssertAccessibleAsync(check);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Assertions.Expect(page.Locator("main > .alert.ok")).ToContainTextAsync("The staged law set was discarded.");
    }
}
