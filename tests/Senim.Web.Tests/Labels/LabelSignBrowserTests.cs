using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Senim.Registry.Data;
using Senim.Registry.Labels;
using Senim.Tests.Shared;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Labels;

/// <summary>
/// The labelling journey in Debian's Chromium with JavaScript off: the owner signs in, opens a registered
/// system's page, uploads a picture, chooses a visible notice and downloads the labelled file, which Senim's
/// verifier (and c2pa-rs, when SENIM_C2PA_REF is set) finds trusted, with the notice drawn. Screenshots are
/// kept; axe runs on the form, its refusal and the public entry in a context with scripts.
/// </summary>
public sealed class LabelSignBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Owner = "owner@demo.senim.kz";
    private const string Password = "Demo-password-1";

    [Theory]
    [InlineData("ru", "ru-RU", "kk", "image/png")]
    [InlineData("kk", "kk-KZ", "kk-ru-en", "image/jpeg")]
    [InlineData("en", "en-GB", "en", "image/png")]
    public async Task The_owner_labels_a_picture_in_the_browser_and_downloads_a_file_that_verifies(string lang, string locale, string notice, string type)
    {
        var system = await SystemAsync();
        var folder = Directory.CreateTempSubdirectory("senim-sign-journey-").FullName;
        try
        {
            var picture = type == "image/png" ? TestImages.Png(640, 400) : TestImages.Jpeg(640, 400);
            var name = type == "image/png" ? "generated.png" : "generated.jpg";
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = locale, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await SignInAsync(context);

            await page.GotoAsync(browser.BaseUrl + "/systems");
            await page.Locator($"main a[href='/systems/{system.Id}']").First.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync($"{browser.BaseUrl}/systems/{system.Id}");
            Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
            var form = page.Locator("section.content-labels form.sign-form");
            await Assertions.Expect(form).ToBeVisibleAsync();

            await form.Locator("#sign-file").SetInputFilesAsync(new FilePayload { Name = name, MimeType = type, Buffer = picture });
            await form.Locator($"label[for='sign-notice-{notice}']").ClickAsync();
            await Assertions.Expect(form.Locator($"#sign-notice-{notice}")).ToBeCheckedAsync();
            await form.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"label-sign-form-{lang}.png") });
            var download = await page.RunAndWaitForDownloadAsync(() => form.Locator("button[type=submit]").ClickAsync());
            Assert.Equal(Path.GetFileNameWithoutExtension(name) + ".label" + Path.GetExtension(name), download.SuggestedFilename);
            var saved = Path.Combine(folder, download.SuggestedFilename);
            await download.SaveAsAsync(saved);
            var labelled = await File.ReadAllBytesAsync(saved, TestContext.Current.CancellationToken);
            File.Copy(saved, Path.Combine(RepoPaths.Artifacts, $"label-sign-download-{lang}{Path.GetExtension(name)}"), overwrite: true);

            var verdict = await LabelChecks.VerifyAsync(browser.Services, labelled);
            Assert.Equal(LabelVerdictKind.Trusted, verdict.Kind);
            Assert.Equal(system.RegisterNumber, verdict.RegisterNumber);
            Assert.True(LabelChecks.NoticeShare(labelled) > 0.6, "the visible notice was not drawn along the bottom of the downloaded picture");
            Assert.True(LabelChecks.NoticeShare(picture) < 0.05);
            await CheckWithC2paRsAsync(folder, saved);

            // A file that is not a picture comes back as the page with the reason beside the field.
            await page.GotoAsync($"{browser.BaseUrl}/systems/{system.Id}/labels/sign");
            await page.Locator("#sign-file").SetInputFilesAsync(new FilePayload { Name = "minutes.txt", MimeType = "text/plain", Buffer = "Minutes of the meeting."u8.ToArray() });
            await page.Locator("form.sign-form button[type=submit]").ClickAsync();
            await Assertions.Expect(page.Locator("#sign-file-error")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator("#problem")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"label-sign-refused-{lang}.png"), FullPage = true });

            // The public entry shows the badge and the certificate that signed the file.
            await page.GotoAsync($"{browser.BaseUrl}/register/{system.Id}");
            var serial = verdict.Report.Active!.Signer!.SerialNumber;
            await Assertions.Expect(page.Locator($"section.public-labels tr[data-serial='{serial}']")).ToBeVisibleAsync();
            await Assertions.Expect(page.Locator($"section.public-labels img[src='/badge/{system.RegisterNumber}.svg']")).ToBeVisibleAsync();
            await page.Locator("section.public-labels").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"register-entry-labels-{lang}.png") });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_labelling_form_its_refusal_and_the_public_labels_have_no_serious_accessibility_violations()
    {
        var system = await SystemAsync();
        // axe needs scripts; the pages themselves use none.
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "kk-KZ" });
        var page = await SignInAsync(context);

        await page.GotoAsync($"{browser.BaseUrl}/systems/{system.Id}");
        await AxeAsync(page, "system page with the labelling form");
        await page.GotoAsync($"{browser.BaseUrl}/systems/{system.Id}/labels/sign");
        await AxeAsync(page, "labelling page");
        await page.Locator("#sign-file").SetInputFilesAsync(new FilePayload { Name = "minutes.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7 minutes"u8.ToArray() });
        await page.Locator("form.sign-form button[type=submit]").ClickAsync();
        await page.Locator("#sign-file-error").WaitForAsync();
        await AxeAsync(page, "refused upload");
        await page.GotoAsync($"{browser.BaseUrl}/register/{system.Id}");
        await AxeAsync(page, "public entry with labels");
    }

    private async Task<IPage> SignInAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(browser.BaseUrl + "/account/sign-in");
        await page.Locator("#f-email").FillAsync(Owner);
        await page.Locator("#f-password").FillAsync(Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(browser.BaseUrl + "/home");
        return page;
    }

    private async Task<Senim.Registry.Model.AiSystem> SystemAsync()
    {
        using var scope = browser.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RegistryDb>().Systems.AsNoTracking().FirstAsync(s => s.NameEn == LabelsApiTests.ClaimDrafting, TestContext.Current.CancellationToken);
    }

    /// <summary>c2pa-rs (shared/tools/c2pa-ref) must find the download Trusted with the root this host publishes as the only anchor.</summary>
    private async Task CheckWithC2paRsAsync(string folder, string file)
    {
        if (Environment.GetEnvironmentVariable("SENIM_C2PA_REF") is not { Length: > 0 } tool)
        {
            return;
        }

        using var http = new HttpClient();
        var root = Path.Combine(folder, "senim-root.pem");
        await File.WriteAllTextAsync(root, await http.GetStringAsync(browser.BaseUrl + "/pki/root.pem", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken);
        var (code, output, error) = ExternalProcess.Run("node", Path.Combine(tool, "verify.mjs"), "--anchors", root, file);
        Assert.True(code == 0, error);
        using var verdict = JsonDocument.Parse(output.Trim());
        Assert.True(verdict.RootElement.GetProperty("state").GetString() == "Trusted", output);
    }

    private static async Task AxeAsync(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, what + ":\n" + string.Join("\n", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(", ", v.Nodes.Select(n => n.Html))}")));
    }
}
