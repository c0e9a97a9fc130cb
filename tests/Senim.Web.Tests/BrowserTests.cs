using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests;

/// <summary>The wizard in a real browser: Debian's Chromium, JavaScript switched off, in Russian.</summary>
public class BrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> Proctoring = new()
    {
        ["kz.scope.informatization_object"] = "yes",
        ["kz.scope.model"] = "yes",
        ["kz.role"] = "holder",
        ["kz.risk.harm"] = "yes",
        ["kz.autonomy.control"] = "human_decides",
        ["kz.mode.access"] = "closed",
        ["kz.p6.emotions"] = "yes",
        ["kz.p6.consent"] = "no",
        ["kz.p6.legal_basis"] = "no",
        ["kz.data.personal"] = "yes",
        ["kz.gov.risk_review_done"] = "no",
    };

    [Fact]
    public async Task The_wizard_runs_in_russian_with_javascript_off_and_is_screenshotted()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = 1200, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/");

        // Switch the language with the header link, as a visitor would.
        await page.GetByRole(AriaRole.Link, new() { Name = "Русский" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ru");
        await page.GetByRole(AriaRole.Link, new() { Name = "Начать классификацию" }).ClickAsync();

        await page.GetByLabel("Казахстан: Закон «Об искусственном интеллекте» № 230-VIII").CheckAsync();
        await page.GetByLabel("Название системы (необязательно)").FillAsync("Прокторинг экзаменов");
        await page.GetByRole(AriaRole.Button, new() { Name = "Начать" }).ClickAsync();

        for (var guard = 0; guard < 30; guard++)
        {
            var questions = page.Locator("fieldset.question");
            if (await questions.CountAsync() == 0)
            {
                break;
            }

            await Assertions.Expect(page.Locator(".progress")).ToContainTextAsync("Шаг");
            foreach (var fieldset in await questions.AllAsync())
            {
                var first = fieldset.Locator("input[name^='a:']").First;
                var name = await first.GetAttributeAsync("name");
                var id = name![2..];
                var type = await first.GetAttributeAsync("type");
                if (Proctoring.TryGetValue(id, out var answer))
                {
                    if (type == "date")
                    {
                        await first.FillAsync(answer);
                    }
                    else
                    {
                        foreach (var value in answer.Split(','))
                        {
                            await fieldset.Locator($"input[value='{value}']").CheckAsync();
                        }
                    }
                }
                else if (type == "radio")
                {
                    var no = fieldset.Locator("input[value='no']");
                    await (await no.CountAsync() > 0 ? no : fieldset.Locator("input[type=radio]").First).CheckAsync();
                }
            }

            if (guard == 2)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "wizard-step-ru.png") });
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Далее" }).ClickAsync();
        }

        await Assertions.Expect(page.Locator("#result-title")).ToHaveTextAsync("Результат для системы «Прокторинг экзаменов»");
        await Assertions.Expect(page.Locator(".alert.danger")).ToContainTextAsync("KZ-P6");
        await Assertions.Expect(page.Locator("[data-id='kz.risk_tier']")).ToContainTextAsync("Средняя степень риска");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "wizard-result-ru.png"), FullPage = true });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "wizard-result-ru-top.png") });

        // "Why?" is a <details> element: it opens without JavaScript.
        var why = page.Locator("[data-id='kz.prohibited'] details summary");
        await why.ClickAsync();
        await Assertions.Expect(page.Locator("[data-id='kz.prohibited'] .trace")).ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/classify")]
    [InlineData("/api")]
    public async Task Pages_have_no_serious_accessibility_violations(string path)
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + path);
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }

    [Fact]
    public async Task A_wizard_step_has_no_serious_accessibility_violations()
    {
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "ru-RU" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/classify");
        await page.Locator("#law-kz").CheckAsync();
        await page.Locator("button[value=start]").ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.question").First).ToBeVisibleAsync();
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help}")));
    }
}
