using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Senim.Registry.Model;
using Senim.Signatures.Challenges;
using Senim.Signatures.Identifiers;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Texts;
using Senim.Signatures.Verification;
using Senim.Web.Tests.Review;
using Senim.Web.Tests.Support;

namespace Senim.Web.Tests.Organisations;

/// <summary>
/// Verification by signature over the API, with the openssl-made NCA-shaped PKI: a valid legal-entity signature verifies
/// the organisation and is logged without personal data; every kind of bad signature is refused with its own reason
/// (wrong BIN, expired, revoked by the CRL, unknown root, tampered challenge, another nonce, malformed, two signers, a
/// chain of 50 certificates), nothing is stored then, and a used challenge is not accepted again.
/// </summary>
public sealed class VerificationApiTests(SignatureFactory factory) : IClassFixture<SignatureFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Body(params (string Name, object? Value)[] fields) => SignatureFactory.Body(fields);

    private static Task<JsonElement> JsonAsync(HttpResponseMessage response) => SignatureFactory.JsonAsync(response);

    private async Task<(HttpClient Api, Guid Organisation)> OrganisationAsync(string email, string bin = NcaTestPki.Bin)
    {
        var organisation = await factory.UnverifiedOrganisationAsync(email, bin);
        return (await Demo.ApiAsync(factory, email, "read", "write"), organisation);
    }

    private static async Task<(Guid Id, string Text)> ChallengeAsync(HttpClient api, Guid organisation)
    {
        var response = await api.PostAsync(new Uri($"/api/v1/organisations/{organisation}/verification/challenge", UriKind.Relative), null, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var doc = await JsonAsync(response);
        var text = doc.GetProperty("text").GetString()!;
        Assert.Equal(text, Encoding.UTF8.GetString(Convert.FromBase64String(doc.GetProperty("text_base64").GetString()!)));
        return (doc.GetProperty("id").GetGuid(), text);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient api, Guid organisation, Guid challenge, string signature) =>
        api.PostAsync(new Uri($"/api/v1/organisations/{organisation}/verification/signature", UriKind.Relative), Body(("challenge_id", challenge), ("signature", signature)), Ct);

    [Fact]
    public async Task A_valid_legal_entity_signature_verifies_the_organisation_and_the_log_records_it_without_personal_data()
    {
        var (api, organisation) = await OrganisationAsync("valid@test.kz");

        // Unverified: a system cannot be published in its name; the answer says what to do next.
        var state = await JsonAsync(await api.GetAsync(new Uri($"/api/v1/organisations/{organisation}/verification", UriKind.Relative), Ct));
        Assert.Equal(("unverified", true), (state.GetProperty("state").GetString(), state.GetProperty("signatures_available").GetBoolean()));

        var (challengeId, text) = await ChallengeAsync(api, organisation);
        var challenge = Challenge.Parse(Encoding.UTF8.GetBytes(text));
        Assert.Equal((NcaTestPki.Organisation, NcaTestPki.Bin), (challenge.Organisation, challenge.Bin!.Value.Value));
        Assert.Equal(ChallengePurpose.OrganisationVerification, challenge.Purpose);

        var response = await SendAsync(api, organisation, challengeId, WebPki.SignBase64("legal", text));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var verified = await JsonAsync(response);
        Assert.Equal("signature", verified.GetProperty("state").GetString());
        var evidence = verified.GetProperty("evidence")[0];
        Assert.Contains("OU=BIN" + NcaTestPki.Bin, evidence.GetProperty("signer_subject").GetString(), StringComparison.Ordinal);
        Assert.Equal(VerificationState.Signature, await factory.StateAsync(organisation));

        // The public event: the organisation, its BIN, the signature's hash; not the signer's IIN or name.
        var entry = await factory.DbAsync(db => db.LogEntries.AsNoTracking().Where(e => e.OrganisationId == organisation).SingleAsync(Ct));
        var logged = Encoding.UTF8.GetString(entry.Data);
        Assert.Equal("organisation-verification", entry.Kind);
        Assert.Contains(evidence.GetProperty("signature_sha256").GetString()!, logged, StringComparison.Ordinal);
        Assert.DoesNotContain(NcaTestPki.Iin, logged, StringComparison.Ordinal);
        Assert.DoesNotContain("ТЕСТОВ", logged, StringComparison.Ordinal);
        var events = await JsonAsync(await factory.CreateClient().GetAsync(new Uri("/api/v1/log/events?kind=organisation-verification", UriKind.Relative), Ct));
        Assert.Contains(events.GetProperty("items").EnumerateArray(), e => e.GetProperty("organisation_id").GetString() == organisation.ToString() && e.GetProperty("bin").GetString() == NcaTestPki.Bin);

        // A challenge is answered once: the same signature again is refused, even if the organisation were unverified again.
        await factory.DbAsync(db => db.Organisations.Where(o => o.Id == organisation).ExecuteUpdateAsync(s => s.SetProperty(o => o.Verification, VerificationState.Unverified), Ct));
        var again = await SendAsync(api, organisation, challengeId, WebPki.SignBase64("legal", text));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("challenge-used", (await JsonAsync(again)).GetProperty("code").GetString());
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "wrong-bin", "a legal-entity certificate of another organisation" },
        { "expired", "a certificate that expired in 2021" },
        { "revoked", "a certificate in the intermediate's CRL" },
        { "untrusted-root", "a certificate under a root the register does not trust" },
        { "content-mismatch", "a signature over a changed copy of the challenge" },
        { "nonce-mismatch", "a signature over another challenge for the same organisation" },
        { "malformed", "a file that is not CMS" },
        { "multiple-signers", "a challenge signed twice in one file" },
        { "chain-too-long", "a signature file carrying 50 certificates" },
        { "not-legal-entity", "an individual's certificate" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Each_bad_signature_is_refused_with_its_own_reason_and_nothing_is_stored(string code, string what)
    {
        var bin = code == "wrong-bin" ? NcaTestPki.OtherBin : NcaTestPki.Bin;
        var (api, organisation) = await OrganisationAsync($"{code}@test.kz", bin);
        var (challengeId, text) = await ChallengeAsync(api, organisation);
        var bytes = Encoding.UTF8.GetBytes(text);
        var signature = code switch
        {
            "wrong-bin" => WebPki.Sign("legal", bytes),
            "expired" => WebPki.Sign("expired", bytes),
            "revoked" => WebPki.Sign("revoked", bytes),
            "untrusted-root" => WebPki.Sign("rogue", bytes),
            "content-mismatch" => WebPki.Sign("legal", Encoding.UTF8.GetBytes(text.Replace(NcaTestPki.Organisation, "ТОО «Басқа»", StringComparison.Ordinal))),
            "nonce-mismatch" => WebPki.Sign("legal", Challenge.ForOrganisation(NcaTestPki.Organisation, Bin.Parse(bin), DateOnly.FromDateTime(DateTime.UtcNow), new Uri("http://localhost")).ToBytes(), new SignOptions(Attached: true)),
            "malformed" => "-----BEGIN CMS-----\nbm90IGEgc2lnbmF0dXJl\n-----END CMS-----\n"u8.ToArray(),
            "multiple-signers" => WebPki.Sign("legal", bytes, new SignOptions(Signers: ["employee"])),
            "chain-too-long" => WebPki.Sign("legal", bytes, new SignOptions(ExtraCertificates: FiftyCertificates())),
            "not-legal-entity" => WebPki.Sign("individual", bytes),
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, what),
        };

        var response = await SendAsync(api, organisation, challengeId, code == "malformed" ? Encoding.ASCII.GetString(signature) : Convert.ToBase64String(signature));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        var error = (await JsonAsync(response)).GetProperty("errors")[0];
        Assert.Equal(("signature", "signature." + code), (error.GetProperty("path").GetString(), error.GetProperty("code").GetString()));
        Assert.Equal(VerificationState.Unverified, await factory.StateAsync(organisation));
        Assert.False(await factory.DbAsync(db => db.OrganisationVerifications.AnyAsync(v => v.OrganisationId == organisation, Ct)));
        Assert.False(await factory.DbAsync(db => db.LogEntries.AnyAsync(e => e.OrganisationId == organisation, Ct)));
        // The challenge stays open for a good signature.
        Assert.Null(await factory.DbAsync(db => db.SignatureChallenges.Where(c => c.Id == challengeId).Select(c => c.UsedAt).FirstAsync(Ct)));
    }

    [Fact]
    public async Task The_reasons_read_in_each_language_on_the_page()
    {
        var email = "words@test.kz";
        var organisation = await factory.UnverifiedOrganisationAsync(email, NcaTestPki.OtherBin);
        foreach (var (lang, language) in new[] { ("kk", SignatureLanguage.Kk), ("ru", SignatureLanguage.Ru), ("en", SignatureLanguage.En) })
        {
            using var browser = await Demo.BrowserAsync(factory, email, lang);
            var page = await Page.Load(await browser.GetAsync(new Uri($"/organisations/{organisation}/verification", UriKind.Relative), Ct));
            var issued = await Demo.SubmitAsync(browser, page, "form[action*='handler=Challenge']");
            var text = issued.Document.QuerySelector("#challenge-text")!.TextContent;
            var refused = await UploadAsync(browser, issued, WebPki.Sign("legal", Encoding.UTF8.GetBytes(text)));
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Equal(SignatureTexts.For(SignatureReason.WrongBin, language), refused.Document.QuerySelector("#signature-error")!.TextContent.Trim());
        }
    }

    /// <summary>Posts the page's signature form with <paramref name="signature"/> as the uploaded file (multipart, as a browser without JavaScript sends it).</summary>
    internal static async Task<Page> UploadAsync(HttpClient browser, Page page, byte[] signature)
    {
        var form = page.Document.QuerySelector("#signature-form")!;
        using var content = new MultipartFormDataContent();
        foreach (var input in form.QuerySelectorAll("input[type=hidden]"))
        {
            content.Add(new StringContent(input.GetAttribute("value") ?? ""), input.GetAttribute("name")!);
        }

        content.Add(new ByteArrayContent(signature), "signature", "challenge.p7s");
        return await Page.Load(await browser.PostAsync(new Uri(new Uri(page.Document.Url), form.GetAttribute("action")), content, Ct));
    }

    /// <summary>A PEM file of 50 distinct certificates (small self-signed ones) for -certfile.</summary>
    private static string FiftyCertificates()
    {
        var path = Path.Combine(WebPki.Folder, "fifty.pem");
        if (!File.Exists(path))
        {
            var pem = new StringBuilder();
            for (var i = 0; i < 50; i++)
            {
                using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
                var request = new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN=Padding {i}", key, System.Security.Cryptography.HashAlgorithmName.SHA256);
                using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
                pem.Append(certificate.ExportCertificatePem()).Append('\n');
            }

            File.WriteAllText(path, pem.ToString());
        }

        return path;
    }
}
