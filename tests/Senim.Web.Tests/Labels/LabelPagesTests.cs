using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AngleSharp.Dom;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Labels;
using Senim.Tests.Shared;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;
using Senim.Web.Tests.Systems;

namespace Senim.Web.Tests.Labels;

public class LabelPagesTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Signs a PNG through the service, as the API would, for the demo system named in English.</summary>
    public static async Task<byte[]> SignedAsync(SenimFactory factory, string ownerEmail, string systemNameEn)
    {
        var system = await Demo.SystemAsync(factory, systemNameEn);
        var actor = await Demo.ActorAsync(factory, ownerEmail);
        using var output = new MemoryStream();
        await Demo.RunAsync(factory, sp => sp.GetRequiredService<LabelService>().SignAsync(actor, system.RegisterNumber!, new MemoryStream(TestImages.Png()), output, new LabelSignOptions(false, null, "picture.png")));
        return output.ToArray();
    }

    private HttpClient Anonymous(string lang)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(lang);
        return client;
    }

    /// <summary>Uploads one file on /verify as an anonymous reader whose browser asks for <paramref name="lang"/>.</summary>
    private async Task<Page> VerifyAnonymouslyAsync(string lang, string name, byte[] bytes, string type)
    {
        using var client = Anonymous(lang);
        var page = await Browser.Get(client, "/verify");
        return await Forms.SubmitAsync(client, page, "form.verify-form", null, file: ("file", name, bytes, type));
    }

    [Theory]
    [InlineData("kk", "Белгіні тексеру", "Белгі түпнұсқа")]
    [InlineData("ru", "Проверить метку", "Метка подлинная")]
    [InlineData("en", "Check a label", "Genuine label")]
    public async Task A_reader_without_javascript_uploads_a_labelled_file_and_reads_the_verdict(string lang, string nav, string headline)
    {
        var signed = await SignedAsync(factory, Demo.Hospital, LabelsApiTests.PowerGrid);
        var system = await Demo.SystemAsync(factory, LabelsApiTests.PowerGrid);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = true });
        await client.GetAsync("/lang/" + lang, Cancel);
        var page = await Browser.Get(client, "/verify");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(lang, page.Document.DocumentElement.GetAttribute("lang"));
        Assert.Contains(page.Document.QuerySelectorAll("nav.main-nav a"), a => a.GetAttribute("href") == "/verify" && a.TextContent.Trim() == nav);
        Assert.NotNull(page.Document.QuerySelector("form.verify-form fieldset legend"));
        Assert.NotNull(page.Document.QuerySelector("label[for=file]"));

        var result = await Forms.SubmitAsync(client, page, "form.verify-form", null, file: ("file", "picture.png", signed, "image/png"));
        Assert.Equal(HttpStatusCode.OK, result.Status);
        var verdict = result.Document.QuerySelector("#verdict")!;
        Assert.Equal("trusted", verdict.GetAttribute("data-verdict"));
        Assert.Contains("verdict-ok", verdict.ClassList);
        Assert.Empty(verdict.QuerySelectorAll("[data-warning]"));
        Assert.Contains(headline, verdict.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(verdict.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/register/" + system.Id);
        Assert.Contains(system.RegisterNumber!, verdict.TextContent, StringComparison.Ordinal);
        Assert.Contains("City Hospital No. 1", verdict.TextContent, StringComparison.Ordinal);
        Assert.NotNull(result.Document.QuerySelector("details.verify-details table"));
    }

    [Fact]
    public async Task Tampered_unlabelled_misnamed_and_missing_files_get_clear_messages_and_no_stack_trace()
    {
        using var client = Anonymous("en");
        var signed = await SignedAsync(factory, Demo.Hospital, LabelsApiTests.PowerGrid);
        var tampered = (byte[])signed.Clone();
        tampered[^20] ^= 0xFF;

        async Task<IElement?> Check(byte[] bytes, string name, string type)
        {
            var page = await Browser.Get(client, "/verify");
            var result = await Forms.SubmitAsync(client, page, "form.verify-form", null, file: ("file", name, bytes, type));
            Assert.DoesNotContain("Exception", result.Text, StringComparison.Ordinal);
            return result.Document.QuerySelector("#verdict");
        }

        var changed = await Check(tampered, "picture.png", "image/png");
        Assert.Equal("tampered", changed!.GetAttribute("data-verdict"));
        Assert.Contains("verdict-danger", changed.ClassList);
        Assert.Equal("no-label", (await Check(TestImages.Png(), "plain.png", "image/png"))!.GetAttribute("data-verdict"));
        var misnamed = await Check(signed, "picture.jpg", "image/jpeg");
        Assert.NotNull(misnamed!.QuerySelector("[data-warning=format-mismatch]"));
        var truncated = await Check(signed[..(signed.Length / 2)], "half.png", "image/png");
        Assert.Contains("verdict-danger", truncated!.ClassList);

        var empty = await Browser.Get(client, "/verify");
        var none = await Forms.SubmitAsync(client, empty, "form.verify-form", null);
        Assert.Equal(HttpStatusCode.BadRequest, none.Status);
        var alert = none.Document.QuerySelector("[role=alert]")!;
        Assert.Equal("file-error", alert.Id);
        Assert.Contains("file-error", none.Document.QuerySelector("#file")!.GetAttribute("aria-describedby"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("kk", "Бұл файл JPEG немесе PNG суреті емес", "бүлінген")]
    [InlineData("ru", "Этот файл — не изображение JPEG или PNG", "повреждён")]
    [InlineData("en", "This file is not a JPEG or PNG picture", "damaged")]
    public async Task A_file_that_is_not_a_picture_is_said_to_be_one_in_plain_words(string lang, string headline, string damaged)
    {
        var result = await VerifyAnonymouslyAsync(lang, "report.pdf", "%PDF-1.7\n% a report, not a picture"u8.ToArray(), "application/pdf");

        Assert.Equal(HttpStatusCode.OK, result.Status);
        Assert.Equal(lang, result.Document.DocumentElement.GetAttribute("lang"));
        var verdict = result.Document.QuerySelector("#verdict")!;
        Assert.Equal("unsupported-format", verdict.GetAttribute("data-verdict"));
        Assert.Contains("verdict-warn", verdict.ClassList);
        Assert.Equal(headline, verdict.QuerySelector("h2")!.ChildNodes.Last().TextContent.Trim());
        Assert.Contains(".c2pa", verdict.QuerySelector("h2 + p")!.TextContent, StringComparison.Ordinal);
        // Not "damaged or truncated", and no error code in the verdict: the code stays in the technical details.
        Assert.DoesNotContain(damaged, verdict.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("labels.format.unsupported", verdict.TextContent, StringComparison.Ordinal);
        Assert.Null(verdict.QuerySelector(".verdict-error"));
        Assert.Empty(verdict.QuerySelectorAll("[data-warning]"));
        Assert.NotNull(result.Document.QuerySelector("details.verify-details tr[data-code='general.error']"));
    }

    [Theory]
    [InlineData("ru", "ни JPEG, ни PNG", "Имя файла не соответствует содержимому")]
    [InlineData("kk", "JPEG де, PNG де емес", "Файлдың атауы оның мазмұнына сәйкес келмейді")]
    [InlineData("en", "neither a JPEG, a PNG", "does not match its content")]
    public async Task A_text_file_named_as_a_picture_is_explained_in_the_reader_s_language(string lang, string reason, string warning)
    {
        var result = await VerifyAnonymouslyAsync(lang, "notes.png", "Meeting notes, not a picture."u8.ToArray(), "image/png");

        var verdict = result.Document.QuerySelector("#verdict")!;
        Assert.Equal("unsupported-format", verdict.GetAttribute("data-verdict"));
        Assert.Contains(warning, verdict.QuerySelector("[data-warning=format-mismatch]")!.TextContent, StringComparison.Ordinal);
        var table = result.Document.QuerySelector("details.verify-details table")!.TextContent;
        Assert.Contains(reason, table, StringComparison.Ordinal);
        if (lang != "en")
        {
            // Neither the verdict nor the technical table falls back to the library's English.
            Assert.DoesNotContain("neither", verdict.TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("neither", table, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_badge_link_shows_the_system_it_names()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        using var client = Anonymous("ru");
        var page = await Browser.Get(client, "/verify?system=" + system.RegisterNumber);
        var named = page.Document.QuerySelector(".verify-named")!;
        Assert.Contains("Demo Bank JSC", named.TextContent, StringComparison.Ordinal);
        Assert.Contains(named.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/register/" + system.Id);
        var unknown = await Browser.Get(client, "/verify?system=KZ-AI-1999-000001");
        Assert.NotNull(unknown.Document.QuerySelector(".verify-named [role=alert]"));
    }

    [Fact]
    public async Task The_owner_sees_the_labels_section_gets_certificates_and_a_stranger_gets_nothing()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        var owner = await factory.BrowserAsync(SystemsApiTests.Owner);
        var show = await Browser.Get(owner, $"/systems/{system.Id}");
        var section = show.Document.QuerySelector("section.content-labels")!;
        Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/systems/{system.Id}/labels");
        var snippet = section.QuerySelector("textarea#badge-snippet")!.TextContent;
        Assert.Contains("/verify?system=" + system.RegisterNumber, snippet, StringComparison.Ordinal);
        Assert.Contains("class=\"senim-badge\"", snippet, StringComparison.Ordinal);
        Assert.NotNull(section.QuerySelector($"img[src='/badge/{system.RegisterNumber}.svg'][alt]"));

        var labels = await Browser.Get(owner, $"/systems/{system.Id}/labels");
        var issued = await Forms.SubmitAsync(owner, labels, "form[action*='handler=managed']", null);
        Assert.Equal(HttpStatusCode.OK, issued.Status);
        var row = issued.Document.QuerySelector("table.label-certificates tbody tr")!;
        Assert.Contains("Held by Senim", row.TextContent, StringComparison.Ordinal);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var csr = new CertificateRequest("CN=whatever", key, HashAlgorithmName.SHA384).CreateSigningRequestPem();
        var withCsr = await Forms.SubmitAsync(owner, issued, "form[action*='handler=request']", null, [new("pem", csr)]);
        Assert.Equal(HttpStatusCode.OK, withCsr.Status);
        Assert.Contains("BEGIN CERTIFICATE", withCsr.Document.QuerySelector("#issued-chain")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, withCsr.Document.QuerySelectorAll("table.label-certificates tbody tr").Length);

        var bad = await Forms.SubmitAsync(owner, withCsr, "form[action*='handler=request']", null, [new("pem", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----")]);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.NotNull(bad.Document.QuerySelector("#csr-error[role=alert]"));
        Assert.Equal(2, bad.Document.QuerySelectorAll("table.label-certificates tbody tr").Length);

        var stranger = await factory.BrowserAsync(Demo.Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/systems/{system.Id}/labels", Cancel)).StatusCode);
    }
}
