using System.Security.Cryptography.X509Certificates;
using Senim.Signatures.Challenges;
using Senim.Signatures.Revocation;
using Senim.Signatures.Tests.Support;
using Senim.Signatures.Verification;

namespace Senim.Signatures.Tests.Verification;

/// <summary>Revocation: configured CRLs, CRLs the host fetches when none is current, and OCSP when configured.</summary>
public sealed class RevocationTests(PkiFixture fixture)
{
    private readonly NcaTestPki pki = fixture.Pki;
    private readonly Challenge challenge = PkiFixture.NewChallenge();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_a_CRL_for_the_intermediate_the_signature_is_refused_as_crl_unavailable()
    {
        var verdict = await fixture.Verifier(crls: fixture.RootCrlOnly()).VerifyAsync(pki.Sign("legal", challenge.ToBytes()), challenge, Token);
        Assert.Equal(SignatureReason.CrlUnavailable, verdict.Failure!.Reason);
        Assert.Contains("no CRL of 'CN=ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (RSA) TEST, O=Senim test, C=KZ' is configured", verdict.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_CRL_is_not_used_and_a_fresh_one_is_fetched_once_from_the_distribution_point()
    {
        var fresh = pki.Path("fresh.crl");
        pki.MakeCrl("intermediate", fresh, hours: 24 * 30);
        var clock = PkiFixture.Clock(TimeSpan.FromDays(10));
        var signature = pki.Sign("legal", challenge.ToBytes());

        var stale = await fixture.Verifier(time: clock, crls: fixture.Crls()).VerifyAsync(signature, challenge, Token);
        Assert.Equal(SignatureReason.CrlUnavailable, stale.Failure!.Reason);
        Assert.Contains("was due to be replaced", stale.Failure.Message, StringComparison.Ordinal);

        var fetcher = new FakeFetcher(uri => uri.AbsolutePath == "/intermediate.crl" ? File.OpenRead(fresh) : File.OpenRead(pki.Path("root.crl")));
        pki.MakeCrl("root", pki.Path("root-fresh.crl"), hours: 24 * 30);
        var crls = new CrlCache(fetcher, clock);
        crls.Add(await File.ReadAllBytesAsync(pki.Path("intermediate.crl"), Token));
        crls.Add(await File.ReadAllBytesAsync(pki.Path("root-fresh.crl"), Token));
        var verifier = fixture.Verifier(time: clock, crls: crls);

        var first = await verifier.VerifyAsync(signature, challenge, Token);
        var second = await verifier.VerifyAsync(signature, challenge, Token);

        Assert.True(first.IsValid, first.Failure?.Message);
        Assert.True(second.IsValid, second.Failure?.Message);
        Assert.Equal(1, fetcher.Calls);
    }

    [Fact]
    public async Task A_fetch_that_fails_is_not_retried_on_every_request()
    {
        var fetcher = new FakeFetcher(_ => null);
        var verifier = fixture.Verifier(crls: fixture.RootCrlOnly(fetcher));
        var signature = pki.Sign("legal", challenge.ToBytes());

        for (var i = 0; i < 3; i++)
        {
            var verdict = await verifier.VerifyAsync(signature, challenge, Token);
            Assert.Equal(SignatureReason.CrlUnavailable, verdict.Failure!.Reason);
            Assert.Contains("could not be fetched", verdict.Failure.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, fetcher.Calls);
    }

    [Fact]
    public async Task A_CRL_signed_by_another_key_of_the_same_name_is_not_believed()
    {
        // "twin" bears the intermediate's name with another key: its (empty) CRL would clear the revoked leaf.
        var verdict = await fixture.Verifier(crls: fixture.RootCrlOnly(others: "twin.crl")).VerifyAsync(pki.Sign("revoked", challenge.ToBytes()), challenge, Token);
        Assert.Equal(SignatureReason.CrlUnavailable, verdict.Failure!.Reason);
        Assert.Contains("was signed by another key of that name", verdict.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OCSP_answers_first_when_configured_and_CRLs_answer_when_it_cannot()
    {
        var signature = pki.Sign("legal", challenge.ToBytes());
        var good = new FakeOcsp(_ => OcspCertificateStatus.Good);
        var verdict = await fixture.Verifier(t => new TrustSettings(t.Anchors, t.Intermediates) { Crls = new CrlCache(), Ocsp = good }).VerifyAsync(signature, challenge, Token);
        Assert.True(verdict.IsValid, verdict.Failure?.Message);
        Assert.Equal(2, good.Calls);
        Assert.All(verdict.Notes, n => Assert.Contains("OCSP test-responder", n, StringComparison.Ordinal));

        var revoked = new FakeOcsp(c => c.Subject.Contains("ТЕСТОВ", StringComparison.Ordinal) ? OcspCertificateStatus.Revoked : OcspCertificateStatus.Good);
        var refused = await fixture.Verifier(t => new TrustSettings(t.Anchors, t.Intermediates) { Crls = t.Crls, Ocsp = revoked }).VerifyAsync(signature, challenge, Token);
        Assert.Equal(SignatureReason.Revoked, refused.Failure!.Reason);
        Assert.Contains("says the OCSP responder test-responder", refused.Failure.Message, StringComparison.Ordinal);

        var silent = new FakeOcsp(_ => null);
        var fallback = await fixture.Verifier(t => new TrustSettings(t.Anchors, t.Intermediates) { Crls = t.Crls, Ocsp = silent }).VerifyAsync(pki.Sign("revoked", challenge.ToBytes()), challenge, Token);
        Assert.Equal(SignatureReason.Revoked, fallback.Failure!.Reason);
        Assert.Contains("says the CRL", fallback.Failure.Message, StringComparison.Ordinal);
    }

    private sealed class FakeOcsp(Func<X509Certificate2, OcspCertificateStatus?> status) : IOcspClient
    {
        public int Calls { get; private set; }

        public ValueTask<OcspAnswer?> CheckAsync(X509Certificate2 certificate, X509Certificate2 issuer, CancellationToken cancellationToken)
        {
            Calls++;
            return ValueTask.FromResult(status(certificate) is { } s ? new OcspAnswer(s, DateTimeOffset.UtcNow, null, "test-responder") : null);
        }
    }
}
