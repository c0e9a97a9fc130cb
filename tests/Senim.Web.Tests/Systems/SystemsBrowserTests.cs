using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Systems;

/// <summary>The systems feature on a real Kestrel port, with Debian's Chromium (JavaScript off for the journey, on for axe).</summary>
public sealed class SystemsBrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SystemsFactory Factory { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        await Factory.InitializeAsync();
        BaseUrl = Factory.StartOnLoopback();
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A browser context signed in as a demo user.</summary>
    public async Task<IBrowserContext> SignedInAsync(string email, bool javaScript, string locale = "ru-RU")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        var response = await context.APIRequest.PostAsync(BaseUrl + "/test/sign-in?email=" + Uri.EscapeDataString(email));
        Assert.Equal(204, response.Status);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

public class SystemsBrowserTests(SystemsBrowserFixture fixture) : IClassFixture<SystemsBrowserFixture>
{
    private static string Shot(string name) => Path.Combine(RepoPaths.Artifacts, name + ".png");

    [Fact]
    public async Task An_owner_adds_classifies_and_documents_a_system_in_russian_with_javascript_off()
    {
        await using var context = await fixture.SignedInAsync(SystemsApiTests.Owner, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/lang/ru?return=/systems");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Системы искусственного интеллекта");
        await page.ScreenshotAsync(new() { Path = Shot("systems-list-ru"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Добавить систему в «Demo Bank JSC»" }).ClickAsync();
        await page.GetByLabel("На русском").First.FillAsync("Антифрод платежей");
        await page.Locator("#purpose_ru").FillAsync("Выявление мошеннических платежей в мобильном банке");
        await page.GetByLabel("Отрасль").SelectOptionAsync("finance");
        await page.Locator("#role-owner").CheckAsync();
        await page.Locator("#mode-closed").CheckAsync();
        await page.ScreenshotAsync(new() { Path = Shot("systems-new-ru"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить систему" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("черновик");
        await Assertions.Expect(page.Locator(".badge.status")).ToHaveTextAsync("Черновик");

        await page.Locator("#main").GetByRole(AriaRole.Link, new() { Name = "Классифицировать систему" }).ClickAsync();
        await page.Locator("#law-kz").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Начать" }).ClickAsync();
        for (var guard = 0; guard < 30 && await page.Locator("fieldset.question").CountAsync() > 0; guard++)
        {
            foreach (var fieldset in await page.Locator("fieldset.question").AllAsync())
            {
                var radios = fieldset.Locator("input[type=radio]");
                var scope = await fieldset.Locator("input[name^='a:kz.scope.']").CountAsync() > 0;
                if (await radios.CountAsync() > 0)
                {
                    var no = fieldset.Locator(scope ? "input[value='yes']" : "input[value='no']");
                    await (await no.CountAsync() > 0 ? no : radios.First).CheckAsync();
                }
                else if (await fieldset.Locator("input[name='a:kz.role'][value=owner]").CountAsync() > 0)
                {
                    await fieldset.Locator("input[value=owner]").CheckAsync();
                }
                else if (await fieldset.Locator("input[type=date]").CountAsync() > 0)
                {
                    await fieldset.Locator("input[type=date]").FillAsync("2026-09-01");
                }
            }

            if (guard == 1)
            {
                await page.ScreenshotAsync(new() { Path = Shot("systems-classify-step-ru") });
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Далее" }).ClickAsync();
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить классификацию" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Классификация № 1 сохранена");
        await page.ScreenshotAsync(new() { Path = Shot("systems-hub-ru"), FullPage = true });

        await page.Locator("table.documents-table a").First.ClickAsync();
        await Assertions.Expect(page.Locator(".completeness")).ToBeVisibleAsync();
        var first = page.Locator("textarea").First;
        await first.FillAsync("**Риски** определены:\n\n- ложные срабатывания\n- пропуск мошенничества");
        await page.GetByRole(AriaRole.Button, new() { Name = "Предпросмотр" }).ClickAsync();
        await Assertions.Expect(page.Locator(".preview strong")).ToHaveTextAsync("Риски");
        await page.ScreenshotAsync(new() { Path = Shot("systems-document-ru"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Сохранить документ" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Документ сохранён");

        await page.Locator(".subnav").GetByRole(AriaRole.Link, new() { Name = "История" }).ClickAsync();
        await page.Locator("table.versions tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.Locator("table.answers")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Shot("systems-history-ru"), FullPage = true });
    }

    [Fact]
    public async Task A_change_request_reads_well_in_kazakh()
    {
        var cv = await fixture.Factory.Db(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Systems, s => s.NameEn == "CV screening assistant"));
        await using var context = await fixture.SignedInAsync(SystemsApiTests.Owner, javaScript: false, locale: "kk-KZ");
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.BaseUrl + "/lang/kk?return=/systems/" + cv.Id);
        await Assertions.Expect(page.Locator(".change-request")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("button[value=resubmit]")).ToHaveTextAsync("Қайта жіберу");
        await page.ScreenshotAsync(new() { Path = Shot("systems-changes-requested-kk"), FullPage = true });
    }

    [Theory]
    [InlineData("/systems")]
    [InlineData("/due")]
    [InlineData("{bank}/systems/new")]
    [InlineData("{system}")]
    [InlineData("{system}/edit")]
    [InlineData("{system}/classify")]
    [InlineData("{system}/documents")]
    [InlineData("{system}/documents/kz.doc.risk")]
    [InlineData("{system}/history?from=1&to=2")]
    public async Task System_pages_have_no_serious_accessibility_violations(string path)
    {
        var bank = await fixture.Factory.OrganisationAsync("Demo Bank JSC");
        using var api = await fixture.Factory.ApiAsync(SystemsApiTests.Owner, server: new Uri(fixture.BaseUrl));
        var (id, etag) = await SystemsApiTests.CreateAsync(fixture.Factory, api, "Доступность");
        var classify = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/systems/{id}/classification") { Content = SystemsApiTests.Json(SystemsApiTests.KzAnswers(high: true)) };
        classify.Headers.TryAddWithoutValidation("If-Match", etag);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.SendAsync(classify, TestContext.Current.CancellationToken)).StatusCode);

        await using var context = await fixture.SignedInAsync(SystemsApiTests.Owner, javaScript: true, locale: "kk-KZ");
        var page = await context.NewPageAsync();
        var url = path.Replace("{bank}", "/organisations/" + bank.Id, StringComparison.Ordinal).Replace("{system}", "/systems/" + id, StringComparison.Ordinal);
        var response = await page.GotoAsync(fixture.BaseUrl + url);
        Assert.Equal(200, response!.Status);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
