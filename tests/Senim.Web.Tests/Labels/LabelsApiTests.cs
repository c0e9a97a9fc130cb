using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Senim.Registry.Access;
using Senim.Registry.Labels;
using Senim.Registry.Services;
using Senim.Tests.Shared;
using Senim.Web.Tests.Review;
using Senim.Web.Features.Labels;
using Senim.Web.Tests.Systems;

namespace Senim.Web.Tests.Labels;

public class LabelsApiTests(SystemsFactory factory) : IClassFixture<SystemsFactory>
{
    public const string ClaimDrafting = "Claim drafting assistant";
    public const string LoanBot = "Loan advice chatbot";
    public const string PowerGrid = "Hospital power load balancer";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static MultipartFormDataContent Form(byte[] file, string fileName, string contentType, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(part, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    public static async Task<JsonElement> VerifyAsync(HttpClient client, byte[] file)
    {
        var response = await client.PostAsync("/api/v1/labels/verify", new ByteArrayContent(file), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private Task<int> SignerCountAsync() => factory.RunAsync(async sp => (await sp.GetRequiredService<LabelAuthority>().AllSignersAsync()).Count);

    private static async Task<string> CodeAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
        {
            return errors[0].GetProperty("code").GetString()!;
        }

        return problem.TryGetProperty("code", out var code) ? code.GetString()! : "";
    }

    [Fact]
    public async Task An_editor_labels_an_image_and_anyone_verifies_it_against_the_register()
    {
        var system = await Demo.SystemAsync(factory, ClaimDrafting);
        using var api = await factory.ApiAsync(SystemsApiTests.Editor, [Scopes.Read, Scopes.Write]);
        var png = TestImages.Png();

        var response = await api.PostAsync("/api/v1/labels", Form(png, "drawing.png", "image/png", ("system", system.RegisterNumber!)), Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("drawing.label.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal(system.RegisterNumber, response.Headers.GetValues("Senim-Register-Number").Single());
        var signed = await response.Content.ReadAsByteArrayAsync(Cancel);
        Assert.True(signed.Length > png.Length);

        using var anonymous = factory.CreateClient();
        var report = await VerifyAsync(anonymous, signed);
        Assert.Equal("trusted", report.GetProperty("verdict").GetString());
        Assert.Equal("ok", report.GetProperty("severity").GetString());
        Assert.Equal(system.RegisterNumber, report.GetProperty("register_number").GetString());
        var entry = report.GetProperty("system");
        Assert.Equal("Demo Bank JSC", entry.GetProperty("organisation").GetString());
        Assert.Equal("registered-with-conditions", entry.GetProperty("status").GetString());
        Assert.EndsWith("/register/" + system.Id, entry.GetProperty("url").GetString(), StringComparison.Ordinal);
        Assert.Contains("SERIALNUMBER=" + system.RegisterNumber, report.GetProperty("signer").GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Empty(report.GetProperty("warnings").EnumerateArray());

        var unlabelled = await VerifyAsync(anonymous, png);
        Assert.Equal("no-label", unlabelled.GetProperty("verdict").GetString());
        var tampered = (byte[])signed.Clone();
        tampered[^20] ^= 0xFF;
        Assert.Equal("danger", (await VerifyAsync(anonymous, tampered)).GetProperty("severity").GetString());

        // A manifest store that declares more bytes than the file has: a report, not an error page.
        var store = System.Text.Encoding.ASCII.GetBytes("caBX");
        var at = signed.AsSpan().IndexOf(store);
        Assert.True(at > 0);
        var cut = await VerifyAsync(anonymous, signed[..(at + 64)]);
        Assert.Equal("unreadable", cut.GetProperty("verdict").GetString());
        Assert.Equal("labels.input.truncated", cut.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("?lang=ru", null, null, "ru")]
    [InlineData("", "kk", null, "kk")]
    [InlineData("", null, "en-GB,en;q=0.9", "en")]
    [InlineData("", null, "ru-RU", "ru")]
    [InlineData("?lang=kk", "ru", "en", "kk")]
    public async Task The_verify_api_explains_its_verdict_and_every_status_in_the_asked_language(string query, string? cookie, string? acceptLanguage, string expected)
    {
        var signed = await LabelPagesTests.SignedAsync(factory, Demo.Hospital, PowerGrid);
        var texts = new Senim.Web.Infrastructure.UiText();
        var language = expected switch { "kk" => Senim.Law.Texts.Language.Kk, "ru" => Senim.Law.Texts.Language.Ru, _ => Senim.Law.Texts.Language.En };
        using var client = factory.CreateClient();
        async Task<HttpResponseMessage> Verify(byte[] file)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/labels/verify" + query) { Content = new ByteArrayContent(file) };
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", "senim-lang=" + cookie);
            }

            if (acceptLanguage is not null)
            {
                request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
            }

            return await client.SendAsync(request, Cancel);
        }

        var response = await Verify(signed);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentLanguage.Single());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(expected, report.GetProperty("language").GetString());
        Assert.Equal(texts.Get("labels.verdict.trusted", language), report.GetProperty("verdict_title").GetString());
        Assert.Equal(texts.Get("labels.verdict.trusted.text", language), report.GetProperty("verdict_text").GetString());
        var statuses = report.GetProperty("statuses").EnumerateArray().ToList();
        Assert.NotEmpty(statuses);
        foreach (var status in statuses)
        {
            var code = status.GetProperty("code").GetString()!;
            Assert.Equal(texts.Get(LabelTexts.Statuses[code], language), status.GetProperty("explanation").GetString());
        }

        var pdf = await Verify("%PDF-1.7 not a picture"u8.ToArray());
        var unsupported = await pdf.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("unsupported-format", unsupported.GetProperty("verdict").GetString());
        Assert.Equal("warn", unsupported.GetProperty("severity").GetString());
        Assert.Equal("labels.format.unsupported", unsupported.GetProperty("error").GetString());
        Assert.Equal(texts.Get("labels.error.format.unsupported", language), unsupported.GetProperty("error_text").GetString());
    }

    [Fact]
    public async Task An_unknown_language_is_a_400_naming_lang_before_the_file_is_read()
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsync("/api/v1/labels/verify?lang=de", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("lang", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_raw_body_with_a_visible_notice_comes_back_as_a_labelled_jpeg_and_text_gets_a_sidecar()
    {
        var system = await Demo.SystemAsync(factory, ClaimDrafting);
        using var api = await factory.ApiAsync(SystemsApiTests.Owner, [Scopes.Write, Scopes.Read]);
        var jpeg = new ByteArrayContent(TestImages.Jpeg(800, 600));
        jpeg.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var response = await api.PostAsync($"/api/v1/labels?system={system.Id}&visible=true&lang=kk,en", jpeg, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType?.MediaType);
        using var anonymous = factory.CreateClient();
        Assert.Equal("trusted", (await VerifyAsync(anonymous, await response.Content.ReadAsByteArrayAsync(Cancel))).GetProperty("verdict").GetString());

        var text = "The model's answer."u8.ToArray();
        var sidecar = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}&filename=answer.txt", new ByteArrayContent(text), Cancel);
        Assert.Equal(HttpStatusCode.OK, sidecar.StatusCode);
        Assert.Equal("application/c2pa", sidecar.Content.Headers.ContentType?.MediaType);
        Assert.Equal("sidecar", sidecar.Headers.GetValues("Senim-Label-Format").Single());
        var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(text), "file", "answer.txt" },
            { new ByteArrayContent(await sidecar.Content.ReadAsByteArrayAsync(Cancel)), "sidecar", "answer.c2pa" },
        };
        var checkedSidecar = await anonymous.PostAsync("/api/v1/labels/verify", form, Cancel);
        Assert.Equal("trusted", (await checkedSidecar.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Strangers_read_only_tokens_and_anonymous_callers_cannot_sign()
    {
        var system = await Demo.SystemAsync(factory, ClaimDrafting);
        var before = await SignerCountAsync();
        using var hospital = await factory.ApiAsync(Demo.Hospital);
        var stranger = await hospital.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        using var readOnly = await factory.ApiAsync(SystemsApiTests.Owner, [Scopes.Read]);
        var forbidden = await readOnly.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("label-owner-only", await CodeAsync(forbidden));

        using var anonymous = factory.CreateClient();
        var unauthenticated = await anonymous.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(before, await SignerCountAsync());
    }

    [Fact]
    public async Task Suspended_refused_and_unregistered_systems_are_refused_with_problem_details()
    {
        using var retail = await factory.ApiAsync(Demo.Retail);
        var suspended = await retail.PostAsync($"/api/v1/labels?system={(await Demo.SystemAsync(factory, LoanBot)).RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, suspended.StatusCode);
        Assert.Equal("label-suspended", await CodeAsync(suspended));

        using var bank = await factory.ApiAsync(SystemsApiTests.Owner);
        var refused = await bank.PostAsync($"/api/v1/labels?system={(await Demo.SystemAsync(factory, "Autonomous trading engine")).Id}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("label-refused", await CodeAsync(refused));
        var draft = await bank.PostAsync($"/api/v1/labels?system={(await Demo.SystemAsync(factory, "CV screening assistant")).Id}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal("label-not-registered", await CodeAsync(draft));
        var unknown = await bank.PostAsync("/api/v1/labels?system=KZ-AI-1999-000001", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Files_that_are_not_what_they_say_and_missing_fields_are_a_400_that_stores_nothing()
    {
        var system = await Demo.SystemAsync(factory, ClaimDrafting);
        using var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var before = await SignerCountAsync();
        var url = $"/api/v1/labels?system={system.RegisterNumber}";

        var declared = new ByteArrayContent(TestImages.Png());
        declared.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        var wrongType = await api.PostAsync(url, declared, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal("labels.format.mismatch", await CodeAsync(wrongType));

        var wrongName = await api.PostAsync("/api/v1/labels", Form(TestImages.Png(), "photo.jpg", "application/octet-stream", ("system", system.RegisterNumber!)), Cancel);
        Assert.Equal("labels.format.mismatch", await CodeAsync(wrongName));
        var visibleText = await api.PostAsync(url + "&visible=yes", new ByteArrayContent("just text"u8.ToArray()), Cancel);
        Assert.Equal("labels.format.unsupported", await CodeAsync(visibleText));
        var badFlag = await api.PostAsync(url + "&visible=maybe&lang=de", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badFlag.StatusCode);
        var noSystem = await api.PostAsync("/api/v1/labels", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, noSystem.StatusCode);
        var empty = await api.PostAsync(url, new ByteArrayContent([]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var brokenForm = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc");
        brokenForm.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=x");
        var broken = await api.PostAsync(url, brokenForm, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);

        using var anonymous = factory.CreateClient();
        var emptyVerify = await anonymous.PostAsync("/api/v1/labels/verify", new ByteArrayContent([]), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, emptyVerify.StatusCode);
        Assert.Equal(before, await SignerCountAsync());
    }

    [Fact]
    public async Task Suspending_a_system_makes_its_labels_verify_as_revoked_and_reinstating_restores_them()
    {
        var system = await Demo.SystemAsync(factory, PowerGrid);
        using var api = await factory.ApiAsync(Demo.Hospital);
        var response = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var signed = await response.Content.ReadAsByteArrayAsync(Cancel);
        using var anonymous = factory.CreateClient();
        Assert.Equal("trusted", (await VerifyAsync(anonymous, signed)).GetProperty("verdict").GetString());

        var supervisor = await Demo.ActorAsync(factory, Demo.Supervisor);
        var suspended = await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().SuspendAsync(supervisor, system.Id, "Investigating an incident.", system.Version));
        var report = await VerifyAsync(anonymous, signed);
        Assert.Equal("revoked", report.GetProperty("verdict").GetString());
        Assert.Contains("signingCredential.revoked", report.GetProperty("failure_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("suspended", report.GetProperty("warnings").EnumerateArray().Select(c => c.GetString()));

        var crl = await anonymous.GetByteArrayAsync("/pki/issuing.crl", Cancel);
        var serial = response.Headers.GetValues("Senim-Certificate").Single();
        var list = Senim.Labels.Trust.RevocationList.Parse(crl);
        Assert.Equal(1, list.Count);
        _ = serial;

        var again = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(TestImages.Png()), Cancel);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        await Demo.RunAsync(factory, sp => sp.GetRequiredService<WorkflowService>().ReinstateAsync(supervisor, system.Id, "Resolved.", suspended.Version));
        Assert.Equal("trusted", (await VerifyAsync(anonymous, signed)).GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task The_authority_publishes_its_certificates_and_crls_at_the_addresses_its_certificates_name()
    {
        var system = await Demo.SystemAsync(factory, ClaimDrafting);
        using var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var issued = await api.PostAsync($"/api/v1/systems/{system.Id}/label-certificates", SystemsApiTests.Json("{\"custody\": \"managed\"}"), Cancel);
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        var certificate = await issued.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("active", certificate.GetProperty("state").GetString());
        Assert.Equal("managed", certificate.GetProperty("custody").GetString());

        var chainPem = await api.GetStringAsync(certificate.GetProperty("chain_url").GetString(), Cancel);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(chainPem);
        var signer = chain[0];
        var distribution = signer.Extensions["2.5.29.31"]!.RawData;
        var crlUrl = new Uri(System.Text.Encoding.ASCII.GetString(distribution[(Array.IndexOf(distribution, (byte)'h'))..]));

        using var anonymous = factory.CreateClient();
        var crl = await anonymous.GetAsync(crlUrl.AbsolutePath, Cancel);
        Assert.Equal(HttpStatusCode.OK, crl.StatusCode);
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
        Assert.True(crl.Headers.CacheControl?.Public);
        Senim.Labels.Trust.RevocationList.Parse(await crl.Content.ReadAsByteArrayAsync(Cancel));

        var root = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/root.crt", Cancel));
        var issuing = X509CertificateLoader.LoadCertificate(await anonymous.GetByteArrayAsync("/pki/issuing.crt", Cancel));
        Assert.Equal(root.Subject, issuing.Issuer);
        Assert.Equal(issuing.Subject, signer.Issuer);
        Assert.Contains("BEGIN CERTIFICATE", await anonymous.GetStringAsync("/pki/root.pem", Cancel), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/pki/root.crl", Cancel)).StatusCode);

        var noRedirect = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var entry = await noRedirect.GetAsync("/register/" + system.RegisterNumber, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, entry.StatusCode);
        Assert.Equal("/register/" + system.Id, entry.Headers.Location?.OriginalString);
        var badge = await anonymous.GetAsync($"/badge/{system.RegisterNumber}.svg", Cancel);
        Assert.Equal("image/svg+xml", badge.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/badge/KZ-AI-1999-000001.svg", Cancel)).StatusCode);

        var list = await api.GetFromJsonAsync<JsonElement>($"/api/v1/systems/{system.Id}/label-certificates", Cancel);
        Assert.Contains(list.EnumerateArray(), c => c.GetProperty("serial").GetString() == certificate.GetProperty("serial").GetString());
        using var hospital = await factory.ApiAsync(Demo.Hospital);
        Assert.Equal(HttpStatusCode.NotFound, (await hospital.GetAsync($"/api/v1/systems/{system.Id}/label-certificates", Cancel)).StatusCode);
        var badCsr = await api.PostAsync($"/api/v1/systems/{system.Id}/label-certificates", SystemsApiTests.Json("{\"csr\": \"not a request\"}"), Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, badCsr.StatusCode);
        Assert.Equal("csr-invalid", await CodeAsync(badCsr));
    }
}

/// <summary>A host whose label endpoints take at most 64 KB.</summary>
public sealed class SmallUploadFactory : SystemsFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings => [new("Senim:Labels:MaxUploadBytes", "65536")];
}

public class LabelUploadLimitTests(SmallUploadFactory factory) : IClassFixture<SmallUploadFactory>
{
    [Fact]
    public async Task A_file_over_the_limit_is_a_413_problem_and_issues_nothing()
    {
        var system = await Demo.SystemAsync(factory, LabelsApiTests.ClaimDrafting);
        using var api = await factory.ApiAsync(SystemsApiTests.Owner);
        var big = new byte[200_000];
        TestImages.Png().CopyTo(big, 0);
        var response = await api.PostAsync($"/api/v1/labels?system={system.RegisterNumber}", new ByteArrayContent(big), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);

        var chunked = new StreamContent(new MemoryStream(big));
        var multipart = new MultipartFormDataContent { { chunked, "file", "big.png" } };
        var viaForm = await factory.CreateClient().PostAsync("/api/v1/labels/verify", multipart, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, viaForm.StatusCode);
        Assert.Empty(await factory.RunAsync(sp => sp.GetRequiredService<LabelAuthority>().AllSignersAsync()));
    }
}
