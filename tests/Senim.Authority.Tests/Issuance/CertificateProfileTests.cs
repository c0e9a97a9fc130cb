using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Senim.Authority.State;
using Senim.Authority.Tests.Support;

namespace Senim.Authority.Tests.Issuance;

/// <summary>Every field of the three certificate shapes, asserted exactly (docs/authority.md, "Profile").</summary>
public sealed class CertificateProfileTests : IAsyncLifetime
{
    private TestAuthority _pki = null!;

    public async ValueTask InitializeAsync() => _pki = await TestAuthority.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _pki.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public void The_root_is_a_self_signed_P384_CA_with_path_length_1_valid_20_years()
    {
        using var root = _pki.Authority.Root.ToCertificate();
        Assert.Equal(3, root.Version);
        Assert.Equal("CN=Senim Label Root CA, O=Senim, C=KZ", root.Subject);
        Assert.Equal(root.Subject, root.Issuer);
        Assert.Equal("1.2.840.10045.4.3.3", Der.SignatureAlgorithm(root));
        Assert.Equal(384, root.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(TestAuthority.Start.UtcDateTime, root.NotBefore.ToUniversalTime());
        Assert.Equal(TestAuthority.Start.AddDays(7305).UtcDateTime, root.NotAfter.ToUniversalTime());
        Assert.Equal(16, root.GetSerialNumber().Length);

        Assert.Equal(["2.5.29.19", "2.5.29.15", "2.5.29.14", "2.5.29.35"], root.Extensions.Select(e => e.Oid!.Value));
        var basic = root.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.Critical);
        Assert.True(basic.CertificateAuthority);
        Assert.True(basic.HasPathLengthConstraint);
        Assert.Equal(1, basic.PathLengthConstraint);
        var usage = root.Extensions.OfType<X509KeyUsageExtension>().Single();
        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, usage.KeyUsages);
        var ski = root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();
        var aki = root.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single();
        Assert.Equal(ski.SubjectKeyIdentifierBytes.ToArray(), aki.KeyIdentifier!.Value.ToArray());
        Assert.Equal(KeyId(root), ski.SubjectKeyIdentifierBytes.ToArray());
    }

    [Fact]
    public void The_issuing_CA_has_path_length_0_and_points_at_the_root_CRL_and_certificate()
    {
        using var root = _pki.Authority.Root.ToCertificate();
        using var issuing = _pki.Authority.Issuing.ToCertificate();
        Assert.Equal("CN=Senim Label Issuing CA 1, O=Senim, C=KZ", issuing.Subject);
        Assert.Equal(root.Subject, issuing.Issuer);
        Assert.Equal("1.2.840.10045.4.3.3", Der.SignatureAlgorithm(issuing));
        Assert.Equal(384, issuing.GetECDsaPublicKey()!.KeySize);
        Assert.Equal(TestAuthority.Start.AddDays(2192).UtcDateTime, issuing.NotAfter.ToUniversalTime());

        Assert.Equal(["2.5.29.19", "2.5.29.15", "2.5.29.14", "2.5.29.35", "2.5.29.31", "1.3.6.1.5.5.7.1.1"], issuing.Extensions.Select(e => e.Oid!.Value));
        var basic = issuing.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        Assert.True(basic.Critical && basic.CertificateAuthority && basic.HasPathLengthConstraint);
        Assert.Equal(0, basic.PathLengthConstraint);
        Assert.Equal(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, issuing.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(
            root.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            issuing.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
        Assert.Equal(["https://senim.example.kz/pki/root.crl"], Der.DistributionPoints(issuing.Extensions["2.5.29.31"]!));
        var aia = issuing.Extensions.OfType<X509AuthorityInformationAccessExtension>().Single();
        Assert.Equal(["https://senim.example.kz/pki/root.crt"], aia.EnumerateCAIssuersUris());
        Assert.Empty(aia.EnumerateOcspUris());
    }

    [Fact]
    public async Task A_signer_certificate_follows_the_C2PA_claim_signer_profile_field_by_field()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);
        using var leaf = issued.ToCertificate();
        using var issuing = _pki.Authority.Issuing.ToCertificate();

        Assert.Equal(3, leaf.Version);
        Assert.Equal(issuing.Subject, leaf.Issuer);
        Assert.Equal("1.2.840.10045.4.3.3", Der.SignatureAlgorithm(leaf));
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
        var serial = leaf.GetSerialNumber();
        Assert.Equal(16, serial.Length);
        Assert.InRange(serial[^1], 0x40, 0x7F); // GetSerialNumber is little-endian: the last byte is the first encoded
        Assert.Equal(issued.Serial, leaf.SerialNumber);
        Assert.Equal(TestAuthority.Start.UtcDateTime, leaf.NotBefore.ToUniversalTime());
        Assert.Equal(TestAuthority.Start.AddDays(365).UtcDateTime, leaf.NotAfter.ToUniversalTime());

        Assert.Equal(
            [
                ("2.5.4.10", UniversalTagNumber.UTF8String, "ТОО «Қазақ Деректер»"),
                ("2.5.4.3", UniversalTagNumber.UTF8String, "Несиелік скоринг"),
                ("2.5.4.5", UniversalTagNumber.PrintableString, "KZ-AI-2026-000001"),
            ],
            Der.Attributes(leaf.SubjectName));

        Assert.Equal(
            [("2.5.29.19", true), ("2.5.29.15", true), ("2.5.29.37", false), ("2.5.29.14", false), ("2.5.29.35", false), ("2.5.29.31", false), ("1.3.6.1.5.5.7.1.1", false), ("2.5.29.17", false)],
            leaf.Extensions.Select(e => (e.Oid!.Value!, e.Critical)));
        Assert.Equal([0x30, 0x00], leaf.Extensions["2.5.29.19"]!.RawData); // cA absent: FALSE, no path length
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(
            ["1.3.6.1.5.5.7.3.36", "1.3.6.1.5.5.7.3.4"],
            leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
        Assert.Equal(KeyId(leaf), leaf.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray());
        Assert.Equal(
            issuing.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
        Assert.Equal(["https://senim.example.kz/pki/issuing.crl"], Der.DistributionPoints(leaf.Extensions["2.5.29.31"]!));
        Assert.Equal(["https://senim.example.kz/pki/issuing.crt"], leaf.Extensions.OfType<X509AuthorityInformationAccessExtension>().Single().EnumerateCAIssuersUris());
        Assert.Equal(["https://senim.example.kz/register/KZ-AI-2026-000001"], Der.Uris(leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single()));

        Assert.Equal(CertificateKind.Signer, issued.Kind);
        Assert.Equal(KeyCustody.Owner, issued.Custody);
        Assert.Null(issued.KeyName);
        Assert.Equal("KZ-AI-2026-000001", issued.RegisterNumber);
        Assert.Equal(_pki.Authority.Issuing.Serial, issued.IssuerSerial);
        Assert.Equal([issued.Der, _pki.Authority.Issuing.Der], _pki.Authority.ChainFor(issued));

        // PEM files of a chain are concatenations: each block must end with its own newline.
        var pem = issued.ToPem() + _pki.Authority.Issuing.ToPem();
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(pem);
        Assert.Equal([issued.Serial, _pki.Authority.Issuing.Serial], chain.Select(c => c.SerialNumber).ToList());
    }

    [Fact]
    public async Task What_the_request_asks_for_is_ignored_and_the_register_decides()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Someone Else, O=Other Org, serialNumber=KZ-AI-2026-999999", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));

        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, request.CreateSigningRequest(), cancellationToken: TestContext.Current.CancellationToken);
        using var leaf = issued.ToCertificate();
        Assert.Equal("SERIALNUMBER=KZ-AI-2026-000001, CN=Несиелік скоринг, O=ТОО «Қазақ Деректер»", leaf.Subject);
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(X509KeyUsageFlags.DigitalSignature, leaf.Extensions.OfType<X509KeyUsageExtension>().Single().KeyUsages);
        Assert.Equal(["1.3.6.1.5.5.7.3.36", "1.3.6.1.5.5.7.3.4"], leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));
    }

    [Fact]
    public async Task A_P384_request_is_accepted()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);
        using var leaf = issued.ToCertificate();
        Assert.Equal(384, leaf.GetECDsaPublicKey()!.KeySize);
    }

    [Fact]
    public async Task A_PEM_request_is_accepted_like_DER()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = System.Text.Encoding.ASCII.GetBytes(Requests.Pem(Requests.Ecdsa(key)));
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, pem, cancellationToken: TestContext.Current.CancellationToken);
        using var leaf = issued.ToCertificate();
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public async Task The_validity_can_be_shorter_but_never_longer_than_two_years()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), TimeSpan.FromDays(30), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(TestAuthority.Start.AddDays(30), issued.NotAfter);

        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), TimeSpan.FromDays(731), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.InvalidInput, ex.Error);
        Assert.Equal("A signer certificate may be valid for 1 to 730 days, not 731.", ex.Message);
    }

    [Fact]
    public async Task A_signer_certificate_never_outlives_the_issuing_CA()
    {
        var issuingEnd = _pki.Authority.Issuing.NotAfter;
        _pki.Time.SetUtcNow(issuingEnd.AddDays(-100));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var issued = await _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(issuingEnd, issued.NotAfter);

        _pki.Time.SetUtcNow(issuingEnd.AddHours(-1));
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.IssueFromRequestAsync(TestAuthority.Identity, Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.Conflict, ex.Error);
    }

    [Theory]
    [InlineData("KZ-AI-26-000001", "ТОО", "Система", "is not a register number")]
    [InlineData("kz-ai-2026-000001", "ТОО", "Система", "is not a register number")]
    [InlineData("KZ-AI-2026-000001", "  ", "Система", "The organisation is empty.")]
    [InlineData("KZ-AI-2026-000001", "ТОО", "", "The system name is empty.")]
    [InlineData("KZ-AI-2026-000001", "ТОО", "Line\nbreak", "control character")]
    [InlineData("KZ-AI-2026-000001", "1234567890123456789012345678901234567890123456789012345678901234X", "Система", "has 65 characters; a certificate allows at most 64")]
    public async Task Register_data_that_cannot_go_into_a_certificate_is_refused(string number, string organisation, string name, string message)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ex = await Assert.ThrowsAsync<AuthorityException>(() => _pki.Authority.IssueFromRequestAsync(new SystemIdentity(number, organisation, name), Requests.Ecdsa(key), cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(AuthorityError.InvalidInput, ex.Error);
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    // RFC 5280 §4.2.1.2 method (1): the key identifier is the SHA-1 of the subjectPublicKey bits; not a security use.
#pragma warning disable CA5350
    private static byte[] KeyId(X509Certificate2 certificate) => SHA1.HashData(SubjectPublicKeyBits(certificate));
#pragma warning restore CA5350

    private static byte[] SubjectPublicKeyBits(X509Certificate2 certificate)
    {
        var spki = new AsnReader(certificate.PublicKey.ExportSubjectPublicKeyInfo(), AsnEncodingRules.DER).ReadSequence();
        spki.ReadSequence();
        return spki.ReadBitString(out _);
    }
}
