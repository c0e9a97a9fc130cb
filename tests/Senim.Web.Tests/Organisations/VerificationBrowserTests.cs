using Microsoft.Playwright;
using Senim.Registry.Model;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Organisations;

/// <summary>The host with the test PKI on a real Kestrel port, and Debian's Chromium.</summary>
public sealed class SignatureBrowserFixture : BrowserFixture
{
    private SignatureBrowserFixture(SignatureFactory factory)
        : base(factory) => Factory = factory;

    public SignatureBrowserFixture()
        : this(new SignatureFactory())
    {
    }

    public SignatureFactory Factory { get; }
}

/// <summary>
/// The verification journey in Chromium. With JavaScript off: an organisation's admin asks for a challenge, downloads it,
/// signs it outside the browser (openssl, as any signing tool would), uploads the detached signature, sees a refused one
/// explained beside the field, and ends verified. With JavaScript on, the NCALayer button appears and says plainly when
/// NCALayer is not running. Screenshots are kept.
/// </summary>
public sealed class VerificationBrowserTests(SignatureBrowserFixture host) : IClassFixture<SignatureBrowserFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/account/sign-in");
        await page.Locator("#f-email").FillAsync(email);
        await page.Locator("#f-password").FillAsync("Test-password-1");
        await page.Locator("main button[type=submit]").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(host.BaseUrl + "/home");
        return page;
    }

    [Theory]
    [InlineData("ru", "ru-RU")]
    [InlineData("en", "en-GB")]
    public async Task An_admin_verifies_the_organisation_by_uploading_a_detached_signature_without_JavaScript(string lang, string locale)
    {
        var email = $"journey-{lang}@test.kz";
        var organisation = await host.Factory.UnverifiedOrganisationAsync(email);
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false, Locale = locale, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await SignInAsync(context, email);

        await page.GotoAsync($"{host.BaseUrl}/organisations/{organisation}");
        Assert.Equal(lang, await page.Locator("html").GetAttributeAsync("lang"));
        await page.Locator("#verify-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync($"{host.BaseUrl}/organisations/{organisation}/verification");
        await page.Locator("#issue-challenge").ClickAsync();
        await Assertions.Expect(page.Locator("#challenge-text")).ToBeVisibleAsync();
        // Without JavaScript the NCALayer button stays hidden; the file route is there.
        await Assertions.Expect(page.Locator("#ncalayer")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verification-challenge-{lang}.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#challenge-file").ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"senim-challenge-{Guid.NewGuid():N}.txt");
        await download.SaveAsAsync(saved);
        var challenge = await File.ReadAllBytesAsync(saved, Ct);
        File.Delete(saved);
        Assert.Equal((await page.Locator("#challenge-text").TextContentAsync())!, System.Text.Encoding.UTF8.GetString(challenge));

        // A signature made with an expired certificate: the reason beside the field, in the reader's language.
        await page.Locator("#signature").SetInputFilesAsync(new FilePayload { Name = "challenge.p7s", MimeType = "application/pkcs7-signature", Buffer = WebPki.Sign("expired", challenge) });
        await page.Locator("#send-signature").ClickAsync();
        await Assertions.Expect(page.Locator("#signature-error")).ToBeVisibleAsync();
        Assert.Equal(Senim.Signatures.Texts.SignatureTexts.For(Senim.Signatures.Verification.SignatureReason.Expired, lang == "ru" ? Senim.Signatures.Texts.SignatureLanguage.Ru : Senim.Signatures.Texts.SignatureLanguage.En),
            (await page.Locator("#signature-error").TextContentAsync())!.Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verification-refused-{lang}.png"), FullPage = true });

        // The organisation's own signing key: verified.
        await page.Locator("#signature").SetInputFilesAsync(new FilePayload { Name = "challenge.cms", MimeType = "application/pkcs7-signature", Buffer = WebPki.Sign("legal", challenge) });
        await page.Locator("#send-signature").ClickAsync();
        await Assertions.Expect(page.Locator("#verification-state")).ToHaveClassAsync("badge verification-signature");
        await Assertions.Expect(page.Locator("#evidence-table")).ToContainTextAsync("BIN251140001014");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"verification-done-{lang}.png"), FullPage = true });
        Assert.Equal(VerificationState.Signature, await host.Factory.StateAsync(organisation));
    }

    [Fact]
    public async Task With_JavaScript_the_NCALayer_button_appears_and_says_when_NCALayer_is_not_running()
    {
        var email = "ncalayer@test.kz";
        var organisation = await host.Factory.UnverifiedOrganisationAsync(email);
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await SignInAsync(context, email);
        await page.GotoAsync($"{host.BaseUrl}/organisations/{organisation}/verification");
        await page.Locator("#issue-challenge").ClickAsync();
        var box = page.Locator("#ncalayer");
        await Assertions.Expect(box).ToBeVisibleAsync();
        await box.Locator("button").ClickAsync();
        await Assertions.Expect(box.Locator("[role=status]")).ToContainTextAsync("NCALayer did not answer");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, "verification-ncalayer-absent.png"), FullPage = true });
        Assert.Equal(VerificationState.Unverified, await host.Factory.StateAsync(organisation));
    }
}
