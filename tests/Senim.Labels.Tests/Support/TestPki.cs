using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Senim.Labels.Tests.Support;

/// <summary>A throw-away PKI in the C2PA certificate profile: a P-256 root and end-entity signers, made with CertificateRequest.</summary>
internal sealed class TestPki : IDisposable
{
    private static readonly Lazy<TestPki> SharedInstance = new(() => new TestPki("Senim Test Root"));

    public TestPki(string rootName)
    {
        RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={rootName}, O=Senim Tests, C=KZ", RootKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddYears(-5), DateTimeOffset.UtcNow.AddYears(10));
        Signer = IssueSigner("Senim Test Signer");
    }

    /// <summary>One PKI shared by the tests (key generation is the slow part).</summary>
    public static TestPki Shared => SharedInstance.Value;

    public ECDsa RootKey { get; }

    public X509Certificate2 Root { get; }

    public (X509Certificate2 Certificate, ECDsa Key) Signer { get; }

    public (X509Certificate2 Certificate, ECDsa Key) IssueSigner(string name, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string eku = "1.3.6.1.5.5.7.3.4", bool ca = false, ECCurve? curve = null)
    {
        var key = ECDsa.Create(curve ?? ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}, O=Senim Tests, C=KZ", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(ca, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(eku)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        var certificate = request.Create(Root, notBefore ?? DateTimeOffset.UtcNow.AddDays(-1), notAfter ?? DateTimeOffset.UtcNow.AddYears(2), serial);
        return (certificate, key);
    }

    /// <summary>A CRL of this root listing the given certificates, valid from yesterday to <paramref name="nextUpdate"/>.</summary>
    public byte[] Crl(IEnumerable<X509Certificate2> revoked, DateTimeOffset? thisUpdate = null, DateTimeOffset? nextUpdate = null)
    {
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, DateTimeOffset.UtcNow.AddHours(-1));
        }

        return builder.Build(Root, BigInteger.One, nextUpdate ?? DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, null, thisUpdate ?? DateTimeOffset.UtcNow.AddDays(-1));
    }

    public void Dispose()
    {
        RootKey.Dispose();
        Signer.Key.Dispose();
    }
}
