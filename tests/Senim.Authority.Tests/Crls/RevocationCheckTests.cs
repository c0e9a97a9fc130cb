using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.Crls;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Crls;

/// <summary>The verifier's side: a CRL is used only when it is the issuer's, intact and current.</summary>
public sealed class RevocationCheckTests : IAsyncLifetime
{
    private TestAuthority _pki = null!;
    private IssuedCertificate _signer = null!;
    private X509Certificate2 _leaf = null!;
    private X509Certificate2 _issuing = null!;

    public async ValueTask InitializeAsync()
    {
        _pki = await TestAuthority.CreateAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _signer = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key));
        _leaf = _signer.ToCertificate();
        _issuing = _pki.Authority.Issuing.ToCertificate();
    }

    public ValueTask DisposeAsync()
    {
        _leaf.Dispose();
        _issuing.Dispose();
        _pki.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_PEM_CRL_is_read_like_DER()
    {
        await _pki.Authority.RevokeAsync(_signer.Serial, RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken);
        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        var status = RevocationCheck.Check(_leaf, _issuing, System.Text.Encoding.ASCII.GetBytes(crl.ToPem()), TestAuthority.Start);
        Assert.True(status.Revoked);
        Assert.Equal(X509RevocationReason.KeyCompromise, status.Reason);
    }

    [Fact]
    public async Task A_CRL_from_another_authority_is_refused()
    {
        using var other = await TestAuthority.CreateAsync();
        var foreign = await other.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, _issuing, foreign.Der, TestAuthority.Start));
        Assert.Equal(CrlError.WrongIssuer, ex.Error);
        Assert.Contains("another key of that name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_issuer_must_be_the_certificate_issuer()
    {
        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.Root, cancellationToken: TestContext.Current.CancellationToken);
        using var root = _pki.Authority.Root.ToCertificate();
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, root, crl.Der, TestAuthority.Start));
        Assert.Equal(CrlError.WrongIssuer, ex.Error);
        Assert.Contains("was issued by 'CN=Senim Label Issuing CA 1, O=Senim, C=KZ', not by 'CN=Senim Label Root CA, O=Senim, C=KZ'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_CRL_fails_its_signature()
    {
        await _pki.Authority.RevokeAsync(_signer.Serial, RevocationReason.KeyCompromise, cancellationToken: TestContext.Current.CancellationToken);
        var der = (await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken)).Der;

        // Change the revoked serial's last byte: the entry no longer matches, and the signature must catch it.
        var serial = Convert.FromHexString(_signer.Serial);
        var at = der.AsSpan().IndexOf(serial);
        der[at + serial.Length - 1] ^= 0x01;
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, _issuing, der, TestAuthority.Start));
        Assert.Equal(CrlError.BadSignature, ex.Error);
    }

    [Fact]
    public async Task A_stale_or_future_CRL_is_refused()
    {
        var crl = await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken);
        var expired = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, _issuing, crl.Der, TestAuthority.Start.AddDays(7).AddSeconds(1)));
        Assert.Equal(CrlError.Expired, expired.Error);
        Assert.Equal("The CRL was due to be replaced at 2026-12-02 10:00:00Z; fetch a current one.", expired.Message);

        var future = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, _issuing, crl.Der, TestAuthority.Start.AddSeconds(-1)));
        Assert.Equal(CrlError.NotYetValid, future.Error);

        Assert.False(RevocationCheck.Check(_leaf, _issuing, crl.Der, TestAuthority.Start.AddDays(7)).Revoked);
    }

    [Fact]
    public void A_CRL_without_next_update_is_not_relied_on()
    {
        using var hand = new HandCrl();
        var crl = hand.Write([], TestAuthority.Start, null);
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Verify(RevocationList.Parse(crl), hand.Certificate, TestAuthority.Start));
        Assert.Equal(CrlError.Expired, ex.Error);
    }

    [Theory]
    [InlineData("2.5.29.27", false)] // deltaCRLIndicator
    [InlineData("2.5.29.28", false)] // issuingDistributionPoint
    [InlineData(null, true)] // certificateIssuer on an entry (indirect CRL)
    public void Critical_extensions_the_checker_does_not_process_are_refused(string? crlExtension, bool entryExtension)
    {
        using var hand = new HandCrl();
        var crl = hand.Write([("4142", 1)], TestAuthority.Start, TestAuthority.Start.AddDays(1), crlExtension, entryExtension);
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Verify(RevocationList.Parse(crl), hand.Certificate, TestAuthority.Start));
        Assert.Equal(CrlError.UnsupportedExtension, ex.Error);
    }

    [Fact]
    public void A_hand_written_CRL_with_reasons_reads_back_exactly()
    {
        using var hand = new HandCrl();
        var crl = hand.Write([("4142", 1), ("00FF", null), ("7F", 6)], TestAuthority.Start, TestAuthority.Start.AddDays(1));
        var list = RevocationList.Parse(crl);
        RevocationCheck.Verify(list, hand.Certificate, TestAuthority.Start);
        Assert.Equal(["4142", "00FF", "7F"], list.Entries.Keys);
        Assert.Equal(X509RevocationReason.KeyCompromise, list.Entries["4142"].Reason);
        Assert.Null(list.Entries["00FF"].Reason);
        Assert.Equal(X509RevocationReason.CertificateHold, list.Entries["7F"].Reason);
        Assert.Null(list.CrlNumber);
    }

    [Fact]
    public void A_serial_listed_twice_is_malformed()
    {
        using var hand = new HandCrl();
        var crl = hand.Write([("4142", 1), ("4142", 1)], TestAuthority.Start, TestAuthority.Start.AddDays(1));
        var ex = Assert.Throws<CrlException>(() => RevocationList.Parse(crl));
        Assert.Equal(CrlError.Malformed, ex.Error);
        Assert.Contains("serial 4142 is listed twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_issuer_without_cRLSign_cannot_sign_CRLs()
    {
        using var hand = new HandCrl();
        var crl = hand.Write([], TestAuthority.Start, TestAuthority.Start.AddDays(1));
        var request = new CertificateRequest(hand.Certificate.SubjectName, hand.Key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var noCrlSign = request.CreateSelfSigned(TestAuthority.Start.AddDays(-1), TestAuthority.Start.AddDays(1));
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Verify(RevocationList.Parse(crl), noCrlSign, TestAuthority.Start));
        Assert.Equal(CrlError.IssuerCannotSignCrls, ex.Error);
    }

    public static TheoryData<byte[], string> Malformed => new()
    {
        { [], "it is empty" },
        { [0x30, 0x03, 0x02, 0x01, 0x01], "damaged" },
        { [0x30, 0x84, 0x7F, 0xFF, 0xFF, 0xFF], "damaged or truncated" },
        { "not a CRL"u8.ToArray(), "neither DER nor an 'X509 CRL' PEM block" },
        { new byte[RevocationList.MaxBytes + 1], "over the 16,777,216-byte limit" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_CRLs_are_refused_with_a_reason(byte[] crl, string reason)
    {
        var ex = Assert.Throws<CrlException>(() => RevocationCheck.Check(_leaf, _issuing, crl, TestAuthority.Start));
        Assert.Equal(CrlError.Malformed, ex.Error);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_truncation_of_a_real_CRL_is_refused_as_malformed()
    {
        await _pki.Authority.RevokeAsync(_signer.Serial, RevocationReason.CertificateHold, cancellationToken: TestContext.Current.CancellationToken);
        var der = (await _pki.Authority.CreateCrlAsync(CertificateKind.IssuingCa, cancellationToken: TestContext.Current.CancellationToken)).Der;
        for (var length = 1; length < der.Length; length++)
        {
            var ex = Assert.Throws<CrlException>(() => RevocationList.Parse(der.AsSpan(0, length)));
            Assert.Equal(CrlError.Malformed, ex.Error);
        }
    }
}
